// SPDX-License-Identifier: MIT
#include "choicebox.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QKeyEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace pw {

ChoiceBox::ChoiceBox(QWidget *parent)
    : QComboBox(parent) {
    // Not WheelFocus: a wheel turned over the form must not grab the box and change its value.
    setFocusPolicy(Qt::StrongFocus);
}

int ChoiceBox::matchTyped(const QString &text) const {
    if (text.isEmpty()) return -1;
    for (int i = 0; i < count(); ++i)
        if (itemText(i).compare(text, Qt::CaseInsensitive) == 0 ||
            itemData(i).toString().compare(text, Qt::CaseInsensitive) == 0)
            return i;
    for (int i = 0; i < count(); ++i)
        if (itemText(i).startsWith(text, Qt::CaseInsensitive) ||
            itemData(i).toString().startsWith(text, Qt::CaseInsensitive))
            return i;
    return -1;
}

void ChoiceBox::keyPressEvent(QKeyEvent *event) {
    const QString text = event->text();
    const bool typing = !isEditable() && !text.isEmpty() && text.at(0).isPrint() &&
                        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    if (!typing) {
        QComboBox::keyPressEvent(event);
        return;
    }
    if (!m_sinceKey.isValid() || m_sinceKey.elapsed() > QApplication::keyboardInputInterval())
        m_typed.clear();
    m_sinceKey.start();
    int idx = matchTyped(m_typed + text);
    if (idx >= 0) {
        m_typed += text;
    } else {
        idx = matchTyped(text); // a fresh start, as Qt's type-ahead does
        if (idx >= 0) m_typed = text;
    }
    event->accept();
    if (idx < 0) return;
    setCurrentIndex(idx);
    emit activated(idx);
    emit textActivated(itemText(idx));
}

void ChoiceBox::wheelEvent(QWheelEvent *event) {
    if (!hasFocus()) {
        // The scroll area around the form scrolls instead (sent on explicitly: Qt propagates only
        // wheel events straight from the mouse).
        for (QWidget *w = parentWidget(); w; w = w->parentWidget())
            if (auto *area = qobject_cast<QAbstractScrollArea *>(w)) {
                QCoreApplication::sendEvent(event->angleDelta().y() != 0 ? area->verticalScrollBar()
                                                                         : area->horizontalScrollBar(),
                                            event);
                return;
            }
        event->ignore();
        return;
    }
    QComboBox::wheelEvent(event);
}

} // namespace pw

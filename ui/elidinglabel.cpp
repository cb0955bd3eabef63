// SPDX-License-Identifier: MIT
#include "elidinglabel.h"
#include "plaintext.h"

#include <QPainter>

namespace pw {

ElidingLabel::ElidingLabel(QWidget *parent)
    : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidingLabel::setFullText(const QString &text) {
    m_text = text;
    setToolTip(plainToolTip(text));
    // QLabel::text() stays the whole text (for accessibility and tests); painting elides it.
    setText(text);
    update();
}

QSize ElidingLabel::minimumSizeHint() const {
    return QSize(0, QLabel::minimumSizeHint().height());
}

QSize ElidingLabel::sizeHint() const {
    return QSize(fontMetrics().horizontalAdvance(m_text) + 8, QLabel::sizeHint().height());
}

void ElidingLabel::paintEvent(QPaintEvent *) {
    QPainter p(this);
    const QRect r = contentsRect();
    p.setPen(palette().color(foregroundRole()));
    p.drawText(r, int(alignment()) | Qt::TextSingleLine,
               fontMetrics().elidedText(m_text, Qt::ElideMiddle, r.width()));
}

} // namespace pw

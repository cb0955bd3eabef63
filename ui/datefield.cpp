// SPDX-License-Identifier: MIT
#include "datefield.h"

#include "fieldformat.h"

#include <QAction>
#include <QCalendarWidget>
#include <QFrame>
#include <QKeyEvent>
#include <QStyle>
#include <QVBoxLayout>

namespace pw {

namespace {
// A date of birth with nothing typed yet opens this many years back: the middle of the adult ages
// agents insure, so few clicks reach any client's year.
constexpr int kTypicalAge = 45;
} // namespace

DateField::DateField(Kind kind, QWidget *parent)
    : QLineEdit(parent)
    , m_kind(kind) {
    setPlaceholderText(tr("not stated"));
    setToolTip(tr("YYYY-MM-DD or MM/DD/YYYY; Alt+Down opens a calendar"));
    m_action = addAction(style()->standardIcon(QStyle::SP_ArrowDown), QLineEdit::TrailingPosition);
    m_action->setObjectName(QStringLiteral("openCalendar"));
    m_action->setToolTip(tr("Choose from a calendar (Alt+Down)"));
    connect(m_action, &QAction::triggered, this, &DateField::openCalendar);
}

QDate DateField::defaultCalendarDate() const {
    const QDate today = QDate::currentDate();
    return m_kind == Kind::BirthDate ? today.addYears(-kTypicalAge) : today;
}

void DateField::openCalendar() {
    if (!m_popup) {
        m_popup = new QFrame(this, Qt::Popup);
        m_popup->setObjectName(QStringLiteral("calendarPopup"));
        m_popup->setFrameShape(QFrame::StyledPanel);
        auto *l = new QVBoxLayout(m_popup);
        l->setContentsMargins(0, 0, 0, 0);
        m_calendar = new QCalendarWidget(m_popup);
        m_calendar->setObjectName(QStringLiteral("calendar"));
        m_calendar->setGridVisible(true);
        l->addWidget(m_calendar);
        connect(m_calendar, &QCalendarWidget::clicked, this, &DateField::picked);
        connect(m_calendar, &QCalendarWidget::activated, this, &DateField::picked);
    }
    const auto typed = parseTypedDate(text());
    const QDate at = typed ? *typed : defaultCalendarDate();
    m_calendar->setSelectedDate(at);
    m_calendar->setCurrentPage(at.year(), at.month());
    m_popup->adjustSize();
    m_popup->move(mapToGlobal(QPoint(0, height())));
    m_popup->show();
    m_calendar->setFocus();
}

void DateField::picked(const QDate &date) {
    if (m_popup) m_popup->hide();
    setFocus();
    setText(date.toString(Qt::ISODate));
    setModified(true);
    emit editingFinished();
}

void DateField::keyPressEvent(QKeyEvent *event) {
    if ((event->key() == Qt::Key_Down && (event->modifiers() & Qt::AltModifier)) ||
        event->key() == Qt::Key_F4) {
        openCalendar();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace pw

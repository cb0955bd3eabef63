// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QLineEdit>

class QCalendarWidget;
class QFrame;

namespace pw {

// A date typed as text: ISO (1985-06-15) or US (06/15/1985), checked and stored as YYYY-MM-DD by the
// field's owner (parseFieldText), so Tab leaves the field like any other and what was typed is never
// reinterpreted digit by digit. The trailing button (or Alt+Down, F4) opens a calendar at the field's
// date, else near today, or, for a date of birth, at a plausible birth year.
class DateField : public QLineEdit {
    Q_OBJECT
public:
    enum class Kind { Any, BirthDate };
    explicit DateField(Kind kind = Kind::Any, QWidget *parent = nullptr);

    void openCalendar();
    // The calendar of the popup (null until first opened).
    QCalendarWidget *calendar() const { return m_calendar; }
    QAction *calendarAction() const { return m_action; }
    // Where the calendar opens when the field holds no date.
    QDate defaultCalendarDate() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void picked(const QDate &date);

    Kind m_kind;
    QAction *m_action = nullptr;
    QFrame *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
};

} // namespace pw

// SPDX-License-Identifier: MIT
// RFC 3339 timestamps (core/util/dates.h): the instant read as milliseconds since the epoch without a
// date-time object (parseTimestampMs, what quote dates are compared with the clock by) is the instant of
// the date-time parseTimestamp gives, which is the UTC date and time stated less its offset.
#include "util/dates.h"

#include <QTest>
#include <QTimeZone>

using namespace pw;

class TestTimestamps : public QObject {
    Q_OBJECT
private slots:
    void instant_data();
    void instant();
    void refused_data();
    void refused();
};

void TestTimestamps::instant_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<int>("offsetSeconds"); // east of UTC
    auto row = [](const char *text, QDate d, QTime t, int offset) {
        QTest::newRow(text) << QString::fromUtf8(text) << d << t << offset;
    };
    row("2026-11-28T12:00:00Z", QDate(2026, 11, 28), QTime(12, 0), 0);
    row("2026-11-28", QDate(2026, 11, 28), QTime(0, 0), 0);
    row("  2026-02-28t23:59:59z  ", QDate(2026, 2, 28), QTime(23, 59, 59), 0);
    row("2024-02-29 06:07", QDate(2024, 2, 29), QTime(6, 7), 0);
    row("2026-06-30T23:59:60Z", QDate(2026, 6, 30), QTime(23, 59, 59), 0);
    row("2026-01-01T00:00:00.5Z", QDate(2026, 1, 1), QTime(0, 0, 0, 500), 0);
    row("2026-01-01T00:00:00.123456789Z", QDate(2026, 1, 1), QTime(0, 0, 0, 123), 0);
    row("2026-01-01T00:30:00+01:00", QDate(2026, 1, 1), QTime(0, 30), 3600);
    row("2025-12-31T23:30:00-0530", QDate(2025, 12, 31), QTime(23, 30), -(5 * 3600 + 30 * 60));
    row("1969-12-31T23:59:59.999Z", QDate(1969, 12, 31), QTime(23, 59, 59, 999), 0);
    row("1970-01-01T00:00:00Z", QDate(1970, 1, 1), QTime(0, 0), 0);
    row("1900-03-01T00:00:00Z", QDate(1900, 3, 1), QTime(0, 0), 0);
    row("0001-01-01T00:00:00+14:00", QDate(1, 1, 1), QTime(0, 0), 14 * 3600);
    row("9999-12-31T23:59:59-23:59", QDate(9999, 12, 31), QTime(23, 59, 59), -(23 * 3600 + 59 * 60));
}

void TestTimestamps::instant() {
    QFETCH(QString, text);
    QFETCH(QDate, date);
    QFETCH(QTime, time);
    QFETCH(int, offsetSeconds);
    const QDateTime expected = QDateTime(date, time, QTimeZone::utc()).addSecs(-offsetSeconds);
    const auto ms = parseTimestampMs(text);
    QVERIFY(ms.has_value());
    QCOMPARE(*ms, expected.toMSecsSinceEpoch());
    const auto dt = parseTimestamp(text);
    QVERIFY(dt.has_value());
    QCOMPARE(*dt, expected);
    QCOMPARE(dt->timeSpec(), expected.timeSpec());
    QCOMPARE(dt->offsetFromUtc(), 0);
    QCOMPARE(dt->toString(Qt::ISODateWithMs), expected.toString(Qt::ISODateWithMs));
    QCOMPARE(utcFromMs(*ms), expected);
    QCOMPARE(formatTimestamp(utcFromMs(*ms)), formatTimestamp(expected));
}

void TestTimestamps::refused_data() {
    QTest::addColumn<QString>("text");
    for (const char *t : {"", "2026-02-30", "2026-13-01", "0000-01-01", "2026-1-01", "2026-01-01T24:00",
                          "2026-01-01T12", "2026-01-01T12:00:00.", "2026-01-01T12:00+24:00",
                          "2026-01-01T12:00Zx", "2026-01-01x12:00", "٢٠٢٦-01-01"})
        QTest::newRow(t) << QString::fromUtf8(t);
}

void TestTimestamps::refused() {
    QFETCH(QString, text);
    QVERIFY(!parseTimestampMs(text).has_value());
    QVERIFY(!parseTimestamp(text).has_value());
}

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"

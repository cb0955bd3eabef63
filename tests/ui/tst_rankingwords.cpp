// SPDX-License-Identifier: MIT
// The window as testers read it: the cost column shows the whole range, disqualified packages carry no
// label, the Gaps column says what the why-line says (closes X of Y, opens Z), today's premium stated twice
// and disagreeing is flagged with both figures, an untouched sample does not look unsaved, and the Remote
// tab refuses to submit, visibly, when its run store cannot be written.
#include "windowfixture.h"

#include "engine/whyline.h"
#include "fakenexioserver.h"
#include "rankingmodel.h"
#include "remote/runmonitorwidget.h"
#include "store/memorysecretstore.h"
#include "store/runstore.h"
#include "util/numbers.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <memory>

using namespace pw;

class TestRankingWords : public QObject {
    Q_OBJECT
private slots:
    void init() {
        m_w.reset(test::openWindowOnSample());
        QVERIFY(m_w);
    }
    void cleanup() { m_w.reset(); }
    void costColumnShowsTheWholeRange();
    void disqualifiedPackagesCarryNoLabel();
    void gapsColumnSaysWhatTheWhyLineSays();
    void untouchedSampleDoesNotLookUnsaved();
    void premiumDisagreementIsFlagged_data();
    void premiumDisagreementIsFlagged();
    void unwritableRunStoreRefusesSubmission();

private:
    QAbstractItemModel *ranking() const {
        return m_w->findChild<QTableView *>(QStringLiteral("rankingTable"))->model();
    }
    RankingModel *source() const { return m_w->findChild<RankingModel *>(); }
    std::unique_ptr<MainWindow> m_w;
};

void TestRankingWords::costColumnShowsTheWholeRange() {
    const JsonValue &run = m_w->ranking()->run();
    int ranges = 0;
    for (int row = 0; row < source()->rowCount(); ++row) {
        const JsonValue &s = source()->solution(row);
        const double lo = s[u"est_cost_low"].toDouble(), hi = s[u"est_cost_high"].toDouble();
        const QString shown = source()->index(row, source()->costColumn()).data().toString();
        if (formatMoney(lo) == formatMoney(hi)) {
            QCOMPARE(shown, formatMoney(lo));
        } else {
            QCOMPARE(shown, formatMoney(lo) + QStringLiteral(" – ") + formatMoney(hi));
            ++ranges;
        }
    }
    QVERIFY(ranges >= 3);
    QVERIFY(run[u"solutions"].size() > 3);
}

void TestRankingWords::disqualifiedPackagesCarryNoLabel() {
    int disqualified = 0;
    for (int row = 0; row < source()->rowCount(); ++row) {
        const JsonValue &s = source()->solution(row);
        const QString shown = source()->index(row, RankingModel::Label).data().toString();
        const QString label = s[u"cluster_label"].toString().replace(u'_', u' ');
        if (s[u"scorecard"][u"qualified"].toBool()) {
            QVERIFY2(shown.contains(label), qPrintable(shown));
        } else {
            ++disqualified;
            for (const char *word : {"recommended", "best value", "best coverage", "simplest", "★"})
                QVERIFY2(!shown.contains(QString::fromUtf8(word)), qPrintable(shown));
            QVERIFY2(shown.contains(QStringLiteral("disqualified")), qPrintable(shown));
        }
    }
    QVERIFY(disqualified >= 3);
}

void TestRankingWords::gapsColumnSaysWhatTheWhyLineSays() {
    const JsonValue &run = m_w->ranking()->run();
    const int today = int(run[u"output"][u"coverage_analysis"][u"gaps"].size());
    int opening = 0;
    for (int row = 0; row < source()->rowCount(); ++row) {
        const JsonValue &s = source()->solution(row);
        const int closed = int(s[u"gaps_closed"].size()), opened = int(s[u"gaps_new"].size());
        const QString shown = source()->index(row, source()->gapsColumn()).data().toString();
        const QString why = whyLine(run, row);
        if (opened > 0) {
            ++opening;
            QCOMPARE(shown, QStringLiteral("%1 of %2, opens %3").arg(closed).arg(today).arg(opened));
            QVERIFY2(why.contains(QStringLiteral("opens")), qPrintable(why));
        } else {
            QCOMPARE(shown, QStringLiteral("%1 of %2").arg(closed).arg(today));
        }
    }
    QVERIFY(opening >= 2);
}

void TestRankingWords::untouchedSampleDoesNotLookUnsaved() {
    auto *state = m_w->findChild<QLabel *>(QStringLiteral("savedState"));
    QVERIFY(!m_w->document()->isModified());
    QVERIFY(!m_w->isWindowModified());
    QCOMPARE(state->text(), QStringLiteral("no changes"));
    for (const char *word : {"not saved", "modified", "unsaved"})
        QVERIFY2(!state->text().contains(QLatin1StringView(word)), word);
    // An edit, and its undo, as a person makes them.
    m_w->document()->setValue(QStringLiteral("input.applicant.first_name"), JsonValue(QStringLiteral("Dane")),
                              QStringLiteral("Edit name"));
    QCOMPARE(state->text(), QStringLiteral("● modified"));
    QTest::keySequence(m_w.get(), QKeySequence::Undo);
    QCOMPARE(state->text(), QStringLiteral("no changes"));
}

void TestRankingWords::premiumDisagreementIsFlagged_data() {
    QTest::addColumn<double>("offset"); // from the sum of the current lines' premiums
    QTest::newRow("more") << 511.77;
    QTest::newRow("less") << -100.0;
    QTest::newRow("a cent") << 0.01;
    QTest::newRow("agreeing") << 0.0;
}

void TestRankingWords::premiumDisagreementIsFlagged() {
    QFETCH(double, offset);
    const JsonValue &input = m_w->document()->root()[u"input"];
    const JsonValue &lines =
        input[u"current_portfolio"].isObject() ? input[u"current_portfolio"] : input[u"current_coverage"];
    double sum = 0;
    for (const auto &[name, line] : lines.objectMembers())
        sum += line[u"annual_premium"].toDouble();
    const double stated = roundHalfAway(sum + offset, 2);
    m_w->document()->setValue(QStringLiteral("input.premium"), JsonValue(stated), QStringLiteral("Premium"));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    auto *problems = m_w->findChild<QTableView *>(QStringLiteral("problemsView"))->model();
    QString found;
    for (int r = 0; r < problems->rowCount(); ++r)
        for (int c = 0; c < problems->columnCount(); ++c)
            if (problems->index(r, c).data().toString().contains(
                    QStringLiteral("Today's premium is stated as")))
                found = problems->index(r, c).data().toString();
    if (offset == 0) {
        QVERIFY2(found.isEmpty(), qPrintable(found));
        return;
    }
    QVERIFY2(found.contains(formatMoney(stated, true)), qPrintable(found));
    QVERIFY2(found.contains(QStringLiteral("add up to %1").arg(formatMoney(sum, true))), qPrintable(found));
}

void TestRankingWords::unwritableRunStoreRefusesSubmission() {
    test::FakeNexioServer server;
    server.start();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    RunStore store(path, 300);
    QVERIFY(store.isOpen());
    // Another process holds the write lock past the busy timeout.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        MemorySecretStore secrets;
        QVERIFY(secrets.write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123")));
        QNetworkAccessManager network;
        RunMonitorWidget monitor(&network, &store, &secrets);
        monitor.setCase(QStringLiteral("case.json"), m_w->document()->root());
        RunEndpoint endpoint;
        endpoint.baseUrl = server.baseUrl();
        monitor.setEndpoint(endpoint);
        monitor.show();
        QTest::mouseClick(monitor.findChild<QPushButton *>(QStringLiteral("submitButton")), Qt::LeftButton);
        const QString message = monitor.findChild<QLabel *>(QStringLiteral("messageLabel"))->text();
        QVERIFY2(message.startsWith(QStringLiteral("Not submitted:")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(monitor.findChild<QLabel *>(QStringLiteral("messageLabel"))->isVisible());
        QCOMPARE(monitor.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(),
                 QStringLiteral("not submitted"));
        QTest::qWait(300);
        QCOMPARE(int(server.requests().size()), 0); // nothing was sent
        q.exec(QStringLiteral("ROLLBACK"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
}

QTEST_MAIN(TestRankingWords)
#include "tst_rankingwords.moc"

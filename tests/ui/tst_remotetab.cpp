// SPDX-License-Identifier: MIT
// The Remote tab end to end: the open case goes to a fake Nexio server on 127.0.0.1, the run completes,
// and its answer is shown beside the local ranking of the same case with the agreement stated.
#include "fakenexioserver.h"
#include "testsupport.h"

#include "casedocument.h"
#include "rankingcontroller.h"
#include "remote/remotesettingswidget.h"
#include "remote/remotetab.h"
#include "remote/runmonitorwidget.h"
#include "store/memorysecretstore.h"
#include "store/runstore.h"

#include <QDir>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace pw;

class TestRemoteTab : public QObject {
    Q_OBJECT

private slots:
    void remoteRunIsComparedWithTheLocalRanking() {
        QTemporaryDir data;
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", data.path().toUtf8());
        CaseDocument doc;
        doc.load(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), QString());
        RankingController ranking(&doc, nullptr);
        ranking.prepareNow();
        QVERIFY(ranking.waitForIdle(20000));
        const JsonValue local = ranking.run();
        QCOMPARE(local[u"solutions"].at(0)[u"cluster_label"].toString(), QStringLiteral("recommended"));

        // The remote engine agrees on the top package but prices the second one $100 higher.
        JsonValue remoteSolutions = JsonValue::array();
        for (int i = 0; i < 4; ++i) {
            JsonValue s = local[u"solutions"].at(i);
            if (i == 1)
                s.insert(QStringLiteral("est_cost_low"), JsonValue(s[u"est_cost_low"].toDouble() + 100));
            remoteSolutions.append(s);
        }
        test::FakeNexioServer server;
        server.start();
        server.setSolutions(remoteSolutions);

        auto secrets = std::make_unique<MemorySecretStore>();
        QVERIFY(secrets->write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123")));
        RemoteTab tab(&doc, &ranking, std::move(secrets));
        tab.resize(1000, 720);
        RunMonitorWidget *monitor = tab.monitor();
        RunEndpoint endpoint;
        endpoint.baseUrl = server.baseUrl();
        monitor->setEndpoint(endpoint);
        RemoteSettings settings;
        settings.pollInitialMs = 20;
        settings.pollMaxMs = 50;
        monitor->setRemoteSettings(settings);
        QSignalSpy completed(monitor, &RunMonitorWidget::runCompleted);
        QVERIFY(monitor->submitCase());
        QVERIFY(completed.wait(20000));

        // The body sent is the case without its workbench object.
        const auto posts = server.requests("POST");
        QCOMPARE(posts.size(), size_t(1));
        QVERIFY(!posts[0].body.contains("\"workbench\""));
        QVERIFY(posts[0].body.contains("quote_line_harborview_home_001"));

        auto *comparison = tab.findChild<QTextBrowser *>(QStringLiteral("remoteComparison"));
        QVERIFY(comparison);
        const QString text = comparison->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Same top package")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(
                     "local rank 1: Harborview Mutual / Harborview Mutual / Harborview Mutual")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("quote_line_harborview_home_001")),
                 qPrintable(text));                                       // the table
        QVERIFY2(text.contains(QStringLiteral("100")), qPrintable(text)); // the cost difference

        // The run is listed in the case's history with its final status.
        auto *history = tab.findChild<QTableWidget *>(QStringLiteral("runHistory"));
        QVERIFY(history);
        QCOMPARE(history->rowCount(), 1);
        QVERIFY(history->item(0, 1)->text().contains(QStringLiteral("completed")));

        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const QByteArray shots = qgetenv("PW_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(tab.grab().save(
                QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("remote-tab.png"))));
    }

    // The keychain answers asynchronously: reading it spins a nested event loop, in which the tab's
    // show timer and its resume-at-start timer fire. The tab is still built once and the unfinished run
    // is resumed once.
    void builtOnceWhileTheKeychainSpinsAnEventLoop() {
        QTemporaryDir data;
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", data.path().toUtf8());
        test::FakeNexioServer server;
        server.start();
        server.addRun(QStringLiteral("run-left-over"),
                      {QStringLiteral("processing"), QStringLiteral("completed")});
        {
            RunStore store(data.filePath(QStringLiteral("runs.sqlite")));
            StoredRun r;
            r.runId = QStringLiteral("run-left-over");
            r.baseUrl = server.baseUrl().toString();
            r.status = QStringLiteral("processing");
            r.createdAt = r.updatedAt = QDateTime::currentDateTimeUtc();
            QVERIFY(store.addRun(r));
        }
        class SlowKeychain final : public SecretStore {
        public:
            std::optional<QString> read(const QString &key, QString *error) override {
                ++reads;
                QEventLoop loop; // as QtKeychain's job does
                QTimer::singleShot(30, &loop, &QEventLoop::quit);
                loop.exec();
                return m_inner.read(key, error);
            }
            bool write(const QString &key, const QString &value, QString *error) override {
                return m_inner.write(key, value, error);
            }
            bool remove(const QString &key, QString *error) override { return m_inner.remove(key, error); }
            int reads = 0;

        private:
            MemorySecretStore m_inner;
        };
        auto secrets = std::make_unique<SlowKeychain>();
        secrets->write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123"), nullptr);
        CaseDocument doc;
        doc.load(test::readJsonFile(test::samplePath(QStringLiteral("seed-job.json"))), QString());
        RankingController ranking(&doc, nullptr);
        RemoteTab tab(&doc, &ranking, std::move(secrets));
        tab.show(); // the show timer and the resume timer are both queued
        QTRY_VERIFY_WITH_TIMEOUT(server.pollsOf(QStringLiteral("run-left-over")) >= 2, 10000);
        QTest::qWait(200);
        QCOMPARE(tab.findChildren<RunMonitorWidget *>().size(), qsizetype(1));
        QCOMPARE(tab.findChildren<RemoteSettingsWidget *>().size(), qsizetype(1));
        QCOMPARE(tab.findChildren<QTextBrowser *>(QStringLiteral("remoteComparison")).size(), qsizetype(1));
        // Followed once: one poll per status, not two pollers racing.
        QCOMPARE(server.pollsOf(QStringLiteral("run-left-over")), 2);
    }
};

QTEST_MAIN(TestRemoteTab)
#include "tst_remotetab.moc"

// SPDX-License-Identifier: MIT
// The Remote tab widgets, offscreen, against the in-process fake server: the badge, the live
// confirmation, a run followed to completion with its history, and the settings section keeping the key
// out of QSettings.
#include "fakenexioserver.h"
#include "remote/remotesettingswidget.h"
#include "remote/runmonitorwidget.h"
#include "store/memorysecretstore.h"
#include "store/runstore.h"
#include "testsupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestRunMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void submitFollowAndHistory() {
        pw::test::FakeNexioServer server;
        QVERIFY(server.start() != 0);
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
        MemorySecretStore secrets;
        secrets.write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123"));
        QNetworkAccessManager network;

        RunMonitorWidget w(&network, &store, &secrets);
        QCOMPARE(w.objectName(), QStringLiteral("runMonitor"));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("environmentBadge"))->text(), QStringLiteral("TEST"));
        RemoteSettings s;
        s.pollInitialMs = 50;
        s.pollMaxMs = 100;
        w.setRemoteSettings(s);
        RunEndpoint e;
        e.baseUrl = server.baseUrl();
        w.setEndpoint(e);
        int confirmations = 0;
        w.setConfirmHandler([&confirmations](QWidget *, const ApiEnvironment &) {
            ++confirmations;
            return false;
        });
        w.setCase(QStringLiteral("/cases/seed.json"),
                  pw::test::readJsonFile(pw::test::samplePath(QStringLiteral("seed-job.json"))));

        QSignalSpy completed(&w, &RunMonitorWidget::runCompleted);
        QVERIFY(w.submitCase());
        QCOMPARE(confirmations, 0); // a test key needs no confirmation
        QVERIFY(w.isWatching());
        QVERIFY(w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(completed.wait(10000));
        QCOMPARE(completed.first().first().value<JsonValue>()[u"status"].toString(),
                 QStringLiteral("completed"));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(), QStringLiteral("completed"));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("stageLabel"))->text(), QStringLiteral("COMPLETE"));
        auto *history = w.findChild<QTableWidget *>(QStringLiteral("runHistory"));
        QCOMPARE(history->rowCount(), 1);
        QCOMPARE(history->item(0, 1)->text(), QStringLiteral("completed"));

        // A live key asks first; declining sends nothing.
        secrets.write(nexioApiKeySecretName(), QStringLiteral("nx_live_abc123"));
        const auto before = server.requests().size();
        QVERIFY(!w.submitCase());
        QCOMPARE(confirmations, 1);
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("environmentBadge"))->text(), QStringLiteral("LIVE"));
        QCOMPARE(server.requests().size(), before);
    }

    void settingsKeepTheKeyInTheSecretStore() {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        MemorySecretStore secrets;
        {
            QSettings settings(ini, QSettings::IniFormat);
            RemoteSettingsWidget w(&settings, &secrets);
            auto *url = w.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
            auto *key = w.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
            QCOMPARE(key->echoMode(), QLineEdit::Password);
            url->setText(QStringLiteral("http://example.com"));
            QVERIFY(!w.apply()); // not HTTPS
            url->setText(QStringLiteral("https://sandbox.example.com"));
            QTest::keyClicks(key, QStringLiteral("nx_live_0123456789abcdef"));
            QCOMPARE(w.findChild<QLabel *>(QStringLiteral("environmentBadge"))->text(),
                     QStringLiteral("LIVE"));
            QVERIFY(w.apply());
            QVERIFY(key->text().isEmpty());
            QVERIFY(key->placeholderText().startsWith(u"nx_live_"));
            QVERIFY(!key->placeholderText().contains(u"0123456789"));
            QCOMPARE(secrets.read(nexioApiKeySecretName()).value_or(QString()),
                     QStringLiteral("nx_live_0123456789abcdef"));
            QCOMPARE(RemoteSettingsWidget::savedBaseUrl(settings),
                     QUrl(QStringLiteral("https://sandbox.example.com")));
            QVERIFY(w.removeKey());
            QVERIFY(!secrets.read(nexioApiKeySecretName()));
        }
        QVERIFY(!pw::test::readFileBytes(ini).contains("nx_live_"));
    }

    // A server that sends markup, escape codes and a right-to-left override in its stage and an unknown
    // status: the labels show it as plain text with the controls escaped, and the run is not resumed.
    void serverTextIsShownAsText() {
        pw::test::FakeNexioServer server;
        QVERIFY(server.start() != 0);
        server.setScript({QStringLiteral("processing"), QStringLiteral("<img src=\"file:///dev/zero\">")});
        JsonValue fields = JsonValue::object();
        fields.insert(QStringLiteral("stage"),
                      QStringLiteral("<h1>EVAL</h1>\x1b]0;pwned\x07\u202eevil $KEY"));
        server.setRunFields(fields);
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
        MemorySecretStore secrets;
        secrets.write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123"));
        QNetworkAccessManager network;
        RunMonitorWidget w(&network, &store, &secrets);
        RemoteSettings s;
        s.pollInitialMs = 20;
        s.pollMaxMs = 40;
        w.setRemoteSettings(s);
        RunEndpoint e;
        e.baseUrl = server.baseUrl();
        w.setEndpoint(e);
        w.setCase(QStringLiteral("/cases/seed.json"),
                  pw::test::readJsonFile(pw::test::samplePath(QStringLiteral("seed-job.json"))));
        QSignalSpy finished(&w, &RunMonitorWidget::runFinished);
        QVERIFY(w.submitCase());
        QVERIFY(finished.wait(10000));
        auto *stage = w.findChild<QLabel *>(QStringLiteral("stageLabel"));
        auto *status = w.findChild<QLabel *>(QStringLiteral("statusLabel"));
        auto *message = w.findChild<QLabel *>(QStringLiteral("messageLabel"));
        for (QLabel *l : {stage, status, message})
            QCOMPARE(l->textFormat(), Qt::PlainText);
        QCOMPARE(stage->text(), QStringLiteral("<h1>EVAL</h1>\\u001b]0;pwned\\u0007\\u202eevil [api key]"));
        QVERIFY2(message->text().contains(QStringLiteral("unknown status '<img src=\"file:///dev/zero\">'")),
                 qPrintable(message->text()));
        QVERIFY(!message->text().contains(u"nx_test_abc123"));
        auto *history = w.findChild<QTableWidget *>(QStringLiteral("runHistory"));
        QCOMPARE(history->rowCount(), 1);
        for (int c = 0; c < history->columnCount(); ++c) {
            const QString text = history->item(0, c)->text();
            for (const QChar ch : text)
                QVERIFY2(ch.unicode() >= 0x20 && ch.unicode() != 0x202e, qPrintable(text));
        }
        const QString tip = history->item(0, 1)->toolTip();
        QVERIFY2(tip.isEmpty() || !tip.contains(u"<img"), qPrintable(tip)); // escaped into rich text
        QVERIFY(store.unfinishedRuns().empty());
        QVERIFY(!w.isWatching());
    }

    // A run the server accepted but the store cannot keep is shown with its id and the reason.
    void runThatCannotBeStoredIsShown() {
        pw::test::FakeNexioServer server;
        QVERIFY(server.start() != 0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
        RunStore store(path);
        QVERIFY(store.isOpen());
        QVERIFY(pw::test::makeStoreRefuseNewRuns(path, QStringLiteral("disk is full")));
        MemorySecretStore secrets;
        secrets.write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123"));
        QNetworkAccessManager network;
        RunMonitorWidget w(&network, &store, &secrets);
        RunEndpoint e;
        e.baseUrl = server.baseUrl();
        w.setEndpoint(e);
        w.setCase(QStringLiteral("/cases/seed.json"),
                  pw::test::readJsonFile(pw::test::samplePath(QStringLiteral("seed-job.json"))));
        QSignalSpy finished(&w, &RunMonitorWidget::runFinished);
        QVERIFY(w.submitCase());
        QVERIFY(finished.wait(10000));
        const auto outcome = finished.first().first().value<RunOutcome>();
        QCOMPARE(outcome.error.kind, ApiResult::Kind::NotStored);
        const QString text = w.findChild<QLabel *>(QStringLiteral("messageLabel"))->text();
        QVERIFY2(text.contains(outcome.runId) && outcome.runId.startsWith(u"6f1c2a40-"), qPrintable(text));
        QVERIFY2(text.contains(u"could not be stored") && text.contains(u"disk is full") &&
                     text.contains(path),
                 qPrintable(text));
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("messageLabel"))->styleSheet().contains(u"#b71c1c"));
        QCOMPARE(int(server.requests("POST").size()), 1);
        QCOMPARE(int(server.requests("GET").size()), 0);
    }
};

QTEST_MAIN(TestRunMonitor)
#include "tst_runmonitor.moc"

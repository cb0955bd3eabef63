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
};

QTEST_MAIN(TestRunMonitor)
#include "tst_runmonitor.moc"

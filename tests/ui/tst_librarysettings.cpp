// SPDX-License-Identifier: MIT
// Settings → Library as a person uses it: reached from the Edit menu, a server typed in, Test connection
// saying in plain words what happened, OK keeping the choice in the settings and the password only in the
// keychain (the settings file is read back: the password is not in it), and the window switching to the
// chosen library — here a server that is not there, so the banner says so and the case stays open.
#include "nokeychain.h"
#include "testsupport.h"
#include "windowfixture.h"

#include "casedocument.h"
#include "elidinglabel.h"
#include "library/libraryconnection.h"
#include "library/librarycontroller.h"
#include "library/librarylocationsettings.h"
#include "library/librarysettingsdialog.h"
#include "mainwindow.h"
#include "store/memorysecretstore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pw;

namespace {

void typeInto(QLineEdit *e, const QString &text) {
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Delete);
    QTest::keyClicks(e, text);
}

template <class T> T *child(QWidget *w, const char *name) {
    T *c = w->findChild<T *>(QString::fromLatin1(name));
    if (!c) qWarning("no widget %s", name);
    return c;
}

// Chooses the server and types its settings as a person would; an empty text (a port of 0) is left as it is.
void fillServer(QDialog &d, const QString &host, int port, const QString &database, const QString &user,
                const QString &password) {
    QTest::mouseClick(child<QRadioButton>(&d, "libraryServerRadio"), Qt::LeftButton, {}, QPoint(5, 5));
    if (!host.isEmpty()) typeInto(child<QLineEdit>(&d, "libraryHostEdit"), host);
    if (port > 0) child<QSpinBox>(&d, "libraryPortSpin")->setValue(port);
    if (!database.isEmpty()) typeInto(child<QLineEdit>(&d, "libraryDatabaseEdit"), database);
    if (!user.isEmpty()) typeInto(child<QLineEdit>(&d, "libraryUserEdit"), user);
    if (!password.isEmpty()) typeInto(child<QLineEdit>(&d, "libraryPasswordEdit"), password);
}

} // namespace

class TestLibrarySettings : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore *m_secrets = nullptr;

    QString settingsText() const {
        QSettings().sync();
        QFile f(QSettings().fileName());
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", m_dir->path().toUtf8());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir->filePath(QStringLiteral("config")));
        QSettings().clear();
        auto secrets = std::make_unique<MemorySecretStore>();
        m_secrets = secrets.get();
        setLibrarySecretStoreForTests(std::move(secrets));
    }
    void cleanup() {
        setLibrarySecretStoreForTests(nullptr);
        m_dir.reset();
    }

    void serverChoiceKeptPasswordOnlyInKeychain_data() {
        QTest::addColumn<int>("tlsIndex");
        QTest::addColumn<QString>("sslMode");
        QTest::addColumn<QString>("password");
        // The first choice is the one suggested for a server; the words name no libpq mode.
        QTest::newRow("suggested: always encrypt")
            << 0 << QStringLiteral("require") << QStringLiteral("S3cret-pw!");
        QTest::newRow("check certificate and name")
            << 1 << QStringLiteral("verify-full") << QStringLiteral("another pass phrase");
        QTest::newRow("never encrypt") << 5 << QStringLiteral("disable") << QStringLiteral("p@ss=word;x");
    }
    void serverChoiceKeptPasswordOnlyInKeychain() {
        QFETCH(int, tlsIndex);
        QFETCH(QString, sslMode);
        QFETCH(QString, password);
        MainWindow w;
        w.setUnsavedAnswerForTests(0);
        w.resize(1366, 768);
        w.show();
        QVERIFY(w.openSample(QStringLiteral("brooklyn-household.json")));
        w.document()->setValue(QStringLiteral("input.address.zip_code"), JsonValue(QStringLiteral("11215")));
        const int port = test::closedPort();
        QString tested, tlsWords;
        bool done = false;
        QTimer::singleShot(0, &w, [&] {
            auto *d = qobject_cast<LibrarySettingsDialog *>(QApplication::activeModalWidget());
            QVERIFY(d);
            QVERIFY(child<QRadioButton>(d, "libraryLocalRadio")->isChecked()); // the default
            QVERIFY(!child<QLineEdit>(d, "libraryHostEdit")->isEnabled());
            QTest::mouseClick(child<QRadioButton>(d, "libraryServerRadio"), Qt::LeftButton, {}, QPoint(5, 5));
            QVERIFY(child<QLineEdit>(d, "libraryHostEdit")->isEnabled());
            auto *tls = child<QComboBox>(d, "libraryTlsCombo");
            QCOMPARE(tls->currentData().toString(), QStringLiteral("require")); // suggested for a server
            typeInto(child<QLineEdit>(d, "libraryHostEdit"), QStringLiteral("127.0.0.1"));
            auto *spin = child<QSpinBox>(d, "libraryPortSpin");
            spin->setFocus();
            spin->selectAll();
            QTest::keyClicks(spin, QString::number(port));
            typeInto(child<QLineEdit>(d, "libraryDatabaseEdit"), QStringLiteral("agency"));
            typeInto(child<QLineEdit>(d, "libraryUserEdit"), QStringLiteral("alice"));
            typeInto(child<QLineEdit>(d, "libraryPasswordEdit"), password);
            tls->setCurrentIndex(tlsIndex);
            tlsWords = tls->currentText();
            QTest::mouseClick(child<QPushButton>(d, "libraryTestButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!d->isTesting(), 20000);
            tested = child<QLabel>(d, "libraryTestResult")->text();
            QTest::mouseClick(child<QPushButton>(d, "libraryOkButton"), Qt::LeftButton);
            done = true;
        });
        w.findChild<QAction *>(QStringLiteral("actionLibrarySettings"))->trigger();
        QVERIFY(done);
        QVERIFY2(tested.startsWith(QStringLiteral("Nothing is listening on 127.0.0.1:")), qPrintable(tested));
        QVERIFY2(!tested.contains(QStringLiteral("QPSQL")), qPrintable(tested)); // no driver jargon
        QVERIFY2(!tlsWords.contains(sslMode), qPrintable(tlsWords));             // plain words, not libpq's

        // The choice is in the settings, the password is not — anywhere in the file.
        const LibraryLocation saved = savedLibraryLocation(QSettings());
        QCOMPARE(saved.kind, LibraryLocation::Kind::Server);
        QCOMPARE(saved.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(saved.port, port);
        QCOMPARE(saved.database, QStringLiteral("agency"));
        QCOMPARE(saved.user, QStringLiteral("alice"));
        QCOMPARE(saved.sslMode, sslMode);
        const QString file = settingsText();
        QVERIFY2(file.contains(QStringLiteral("agency")), qPrintable(file)); // the file is the right one
        QVERIFY2(!file.contains(password), qPrintable(file));
        QCOMPARE(m_secrets->read(saved.secretName()).value_or(QString()), password);
        // Nor is it in what the window says.
        QVERIFY(!w.libraryBannerText().contains(password));

        // The window switched: the server is not there, so the banner says so and the case stays open.
        QCOMPARE(w.library()->connection()->state(), LibraryConnection::State::Offline);
        const QString status = w.findChild<ElidingLabel *>(QStringLiteral("statusMessage"))->fullText();
        QVERIFY2(status.contains(
                     QStringLiteral("but it cannot be reached: the library on this computer is shown")),
                 qPrintable(status));
        QVERIFY2(w.libraryBannerText().contains(
                     QStringLiteral("Not connected to the library server alice@127.0.0.1")),
                 qPrintable(w.libraryBannerText()));
        QVERIFY(w.findChild<QWidget *>(QStringLiteral("libraryBanner"))->isVisible());
        QVERIFY(w.findChild<QPushButton *>(QStringLiteral("libraryRetryButton"))->isVisible());
        QCOMPARE(w.document()->value(QStringLiteral("input.address.zip_code")).toString(),
                 QStringLiteral("11215"));
        QVERIFY(w.document()->isModified());

        // Opening the dialog again shows the password as kept, never its text.
        LibrarySettingsDialog again(new QSettings(&w), m_secrets, &w);
        auto *pw = child<QLineEdit>(&again, "libraryPasswordEdit");
        QVERIFY(pw->text().isEmpty());
        QVERIFY2(pw->placeholderText().contains(QStringLiteral("keychain")),
                 qPrintable(pw->placeholderText()));
    }

    // Without a keychain OK says why the password cannot be kept and offers the way forward: OK again
    // uses it for this session only; it is written nowhere.
    void noKeychainOffersThisSessionOnly() {
        QSettings settings;
        test::NoKeychain keychain;
        LibrarySettingsDialog d(&settings, &keychain);
        d.show();
        fillServer(d, QStringLiteral("127.0.0.1"), 0, QStringLiteral("agency"), QStringLiteral("alice"),
                   QStringLiteral("only-for-now"));
        QTest::mouseClick(child<QPushButton>(&d, "libraryOkButton"), Qt::LeftButton);
        QVERIFY(d.isVisible());
        const QString said = child<QLabel>(&d, "librarySettingsMessage")->text();
        QVERIFY2(said.startsWith(QStringLiteral("The system keychain is not available")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("Press OK again to use it until the workbench closes")),
                 qPrintable(said));
        QCOMPARE(savedLibraryLocation(settings).kind, LibraryLocation::Kind::Local);
        QTest::mouseClick(child<QPushButton>(&d, "libraryOkButton"), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.sessionPassword(), QStringLiteral("only-for-now"));
        QCOMPARE(savedLibraryLocation(settings).kind, LibraryLocation::Kind::Server);
        QVERIFY(!settingsText().contains(QStringLiteral("only-for-now")));
    }

    // OK and Test connection name only the server fields still empty: a filled host is not asked for.
    void serverNeedsHostDatabaseAndUser_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("missing");
        QTest::newRow("host filled") << QStringLiteral("127.0.0.1") << QString() << QString()
                                     << QStringLiteral("the database and the user");
        QTest::newRow("only the database") << QStringLiteral("127.0.0.1") << QString()
                                           << QStringLiteral("agent") << QStringLiteral("the database");
        QTest::newRow("only the user") << QStringLiteral("db.agency.example") << QStringLiteral("agency")
                                       << QString() << QStringLiteral("the user");
        QTest::newRow("nothing") << QString() << QString() << QString()
                                 << QStringLiteral("the host, the database, and the user");
    }
    void serverNeedsHostDatabaseAndUser() {
        QFETCH(QString, host);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, missing);
        QSettings settings;
        LibrarySettingsDialog d(&settings, m_secrets);
        d.show();
        fillServer(d, host, 0, database, user, QStringLiteral("kept-nowhere"));
        QTest::mouseClick(child<QPushButton>(&d, "libraryTestButton"), Qt::LeftButton);
        QCOMPARE(child<QLabel>(&d, "libraryTestResult")->text(),
                 QStringLiteral("Fill in %1 first.").arg(missing));
        QVERIFY(!d.isTesting());
        QTest::mouseClick(child<QPushButton>(&d, "libraryOkButton"), Qt::LeftButton);
        QVERIFY(d.isVisible()); // refused: not accepted
        QCOMPARE(child<QLabel>(&d, "librarySettingsMessage")->text(),
                 QStringLiteral("Fill in %1 of the server.").arg(missing));
        QCOMPARE(savedLibraryLocation(settings).kind, LibraryLocation::Kind::Local);
        QVERIFY(!settingsText().contains(QStringLiteral("kept-nowhere")));
        // Filling a field takes the refusal about the fields before off the screen.
        typeInto(child<QLineEdit>(&d, "libraryUserEdit"), QStringLiteral("someone"));
        QCOMPARE(child<QLabel>(&d, "librarySettingsMessage")->text(), QString());
        QCOMPARE(child<QLabel>(&d, "libraryTestResult")->text(), QString());
    }

    // The grey text in an empty field is an example and says so: it never reads as a value filled in.
    void placeholdersAreExamples_data() {
        QTest::addColumn<QString>("field");
        QTest::newRow("host") << QStringLiteral("libraryHostEdit");
        QTest::newRow("database") << QStringLiteral("libraryDatabaseEdit");
    }
    void placeholdersAreExamples() {
        QFETCH(QString, field);
        QSettings settings;
        LibrarySettingsDialog d(&settings, m_secrets);
        auto *edit = child<QLineEdit>(&d, field.toLatin1().constData());
        QVERIFY(edit->text().isEmpty());
        QVERIFY2(edit->placeholderText().startsWith(QStringLiteral("e.g. ")),
                 qPrintable(edit->placeholderText()));
        QCOMPARE(d.location().database, QString()); // nothing filled in behind the example
    }

    // Test connection against nothing listening: the plain sentence, then libpq's words as "Details" — no
    // server said anything — in sentences. Changing a setting (the port) takes the outcome off the screen,
    // so it never stands above the next message; a test running while a setting changes shows nothing.
    void testOutcomeIsOfTheSettingsShown_data() {
        QTest::addColumn<int>("change"); // 0: the port, 1: the user, 2: the encryption, 3: to the local file
        QTest::newRow("port") << 0;
        QTest::newRow("user") << 1;
        QTest::newRow("encryption") << 2;
        QTest::newRow("local file chosen") << 3;
    }
    void testOutcomeIsOfTheSettingsShown() {
        QFETCH(int, change);
        QSettings settings;
        test::NoKeychain keychain;
        LibrarySettingsDialog d(&settings, &keychain);
        d.show();
        const int port = test::closedPort();
        fillServer(d, QStringLiteral("127.0.0.1"), port, QStringLiteral("agency"), QStringLiteral("agent"),
                   QStringLiteral("pw"));
        auto *result = child<QLabel>(&d, "libraryTestResult");
        QTest::mouseClick(child<QPushButton>(&d, "libraryTestButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isTesting(), 20000);
        const QStringList lines = result->text().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0],
                 QStringLiteral("Nothing is listening on 127.0.0.1:%1: check the port, and that the "
                                "server is running.")
                     .arg(port));
        QVERIFY2(lines[1].startsWith(QStringLiteral("Details: ")), qPrintable(lines[1]));
        QVERIFY2(!result->text().contains(QStringLiteral("server said")), qPrintable(result->text()));
        QVERIFY2(lines[1].contains(QStringLiteral("Connection refused. Is the server")),
                 qPrintable(lines[1]));

        int step = 0; // each change is to a value not there before
        const auto changeIt = [&] {
            ++step;
            switch (change) {
            case 0:
                child<QSpinBox>(&d, "libraryPortSpin")->setValue(port > 10 ? port - step : port + step);
                break;
            case 1:
                typeInto(child<QLineEdit>(&d, "libraryUserEdit"), QStringLiteral("other%1").arg(step));
                break;
            case 2:
                child<QComboBox>(&d, "libraryTlsCombo")->setCurrentIndex(step == 1 ? 5 : 4);
                break;
            default:
                QTest::mouseClick(child<QRadioButton>(&d, "libraryLocalRadio"), Qt::LeftButton, {},
                                  QPoint(5, 5));
            }
        };
        changeIt();
        QCOMPARE(result->text(), QString());
        // Pressing OK now (the keychain refuses): its message stands alone, no test outcome above it.
        if (change != 3) {
            QTest::mouseClick(child<QPushButton>(&d, "libraryOkButton"), Qt::LeftButton);
            QVERIFY(child<QLabel>(&d, "librarySettingsMessage")
                        ->text()
                        .startsWith(QStringLiteral("The system keychain is not available")));
            QCOMPARE(result->text(), QString());
        }

        // A test under way when a setting changes: its outcome is not shown for the new settings.
        if (change == 3)
            QTest::mouseClick(child<QRadioButton>(&d, "libraryServerRadio"), Qt::LeftButton, {},
                              QPoint(5, 5));
        QTest::mouseClick(child<QPushButton>(&d, "libraryTestButton"), Qt::LeftButton);
        QVERIFY(d.isTesting());
        changeIt();
        QTRY_VERIFY_WITH_TIMEOUT(!d.isTesting(), 20000);
        QCOMPARE(result->text(), QString());
    }
};

QTEST_MAIN(TestLibrarySettings)
#include "tst_librarysettings.moc"

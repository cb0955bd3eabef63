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
        QVERIFY2(tested.startsWith(QStringLiteral("Nothing is listening on 127.0.0.1:")),
                 qPrintable(tested));
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
        QTest::mouseClick(child<QRadioButton>(&d, "libraryServerRadio"), Qt::LeftButton, {}, QPoint(5, 5));
        typeInto(child<QLineEdit>(&d, "libraryHostEdit"), QStringLiteral("127.0.0.1"));
        typeInto(child<QLineEdit>(&d, "libraryDatabaseEdit"), QStringLiteral("agency"));
        typeInto(child<QLineEdit>(&d, "libraryUserEdit"), QStringLiteral("alice"));
        typeInto(child<QLineEdit>(&d, "libraryPasswordEdit"), QStringLiteral("only-for-now"));
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

    void serverNeedsHostDatabaseAndUser() {
        QSettings settings;
        LibrarySettingsDialog d(&settings, m_secrets);
        d.show();
        QTest::mouseClick(child<QRadioButton>(&d, "libraryServerRadio"), Qt::LeftButton, {}, QPoint(5, 5));
        typeInto(child<QLineEdit>(&d, "libraryHostEdit"), QStringLiteral("db.agency.example"));
        typeInto(child<QLineEdit>(&d, "libraryPasswordEdit"), QStringLiteral("kept-nowhere"));
        QTest::mouseClick(child<QPushButton>(&d, "libraryOkButton"), Qt::LeftButton);
        QVERIFY(d.isVisible()); // refused: not accepted
        QVERIFY2(child<QLabel>(&d, "librarySettingsMessage")->text().contains(QStringLiteral("needs a host")),
                 qPrintable(child<QLabel>(&d, "librarySettingsMessage")->text()));
        QCOMPARE(savedLibraryLocation(settings).kind, LibraryLocation::Kind::Local);
        QVERIFY(!settingsText().contains(QStringLiteral("kept-nowhere")));
    }
};

QTEST_MAIN(TestLibrarySettings)
#include "tst_librarysettings.moc"

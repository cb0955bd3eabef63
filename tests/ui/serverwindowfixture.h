// SPDX-License-Identifier: MIT
#pragma once

// Windows on a shared library for the GUI tests of issue 16: a throwaway PostgreSQL cluster with the
// agency's roles, settings in a temporary folder, library passwords in a memory store (no keychain
// offscreen), windows that sign in as a given user, and dialogs answered by clicking their buttons.
#include "pgcluster.h"
#include "testsupport.h"
#include "windowfixture.h"

#include "caseeditor.h"
#include "casepage.h"
#include "io/jsonpath.h"
#include "library/libraryconnection.h"
#include "library/librarycontroller.h"
#include "library/librarylocationsettings.h"
#include "library/librarypage.h"
#include "store/memorysecretstore.h"

#include <QApplication>
#include <QPointer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace pw::test {

inline QByteArray householdBytes(const QString &first, const QString &last, const QString &zip) {
    JsonValue root = readJsonFile(samplePath(QStringLiteral("brooklyn-household.json")));
    setJsonValueAt(root, QStringLiteral("input.applicant.first_name"), first);
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    return writeJson(root);
}

class ServerWindows {
public:
    PgTestCluster pg;
    std::unique_ptr<QTemporaryDir> dir;
    MemorySecretStore *secrets = nullptr;

    // Starts the cluster with agents alice and bob and underwriter uma; the owner makes the schema.
    bool start(QString *error) {
        if (!pg.start() ||
            !pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {QStringLiteral("uma")})) {
            *error = pg.error();
            return false;
        }
        auto owner =
            openCaseLibrary(pg.location(QStringLiteral("owner")), pg.password(QStringLiteral("owner")));
        if (!owner->isOpen()) *error = owner->lastError();
        return owner->isOpen();
    }

    // Per test: an empty book on the server, a fresh data folder and settings, the passwords kept.
    bool reset(QString *error) {
        dir = std::make_unique<QTemporaryDir>();
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", dir->path().toUtf8());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           dir->filePath(QStringLiteral("config")));
        QSettings().clear();
        auto store = std::make_unique<MemorySecretStore>();
        secrets = store.get();
        for (const char *user : {"alice", "bob", "uma"})
            secrets->write(pg.location(QString::fromLatin1(user)).secretName(),
                           pg.password(QString::fromLatin1(user)));
        setLibrarySecretStoreForTests(std::move(store));
        if (!pg.isRunning() && !pg.restart()) {
            *error = pg.error();
            return false;
        }
        if (!pg.runSql(QStringLiteral(
                "TRUNCATE cases, versions, version_data, notes, audit, case_runs, recovery"))) {
            *error = pg.error();
            return false;
        }
        return true;
    }

    std::unique_ptr<CaseLibrary> serverAs(const QString &user) {
        return openCaseLibrary(pg.location(user), pg.password(user));
    }

    // reset(), then one household on the server, Dana Okafor (11231), added by alice: its first version
    // and case, or nullopt with *error.
    struct SeededCase {
        qint64 versionId = 0, caseId = 0;
    };
    std::optional<SeededCase> resetWithOneCase(QString *error) {
        if (!reset(error)) return std::nullopt;
        auto alice = serverAs(QStringLiteral("alice"));
        SaveOptions o;
        o.author = QStringLiteral("seed");
        const auto id = alice->addCase(
            householdBytes(QStringLiteral("Dana"), QStringLiteral("Okafor"), QStringLiteral("11231")), o);
        if (!id) {
            *error = alice->lastError();
            return std::nullopt;
        }
        return SeededCase{*id, alice->version(*id)->caseId};
    }

    // A window signed in as `user` (Settings → Library as saved), shown at 1366×768 and active.
    std::unique_ptr<MainWindow> windowAs(const QString &user) {
        saveLibraryLocation(*std::make_unique<QSettings>(), pg.location(user));
        auto w = std::make_unique<MainWindow>();
        w->setUnsavedAnswerForTests(QMessageBox::Discard);
        w->document()->setNow(fixedNow());
        w->resize(1366, 768);
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get())) qWarning("the window did not become active");
        return w;
    }
};

// Opens the case named `search` from the library page as a person does: Ctrl+L, type, Enter.
inline bool openFromLibraryPage(MainWindow &w, const QString &search) {
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w)) return false;
    w.showLibrary(true);
    LibraryPage *page = w.libraryPage();
    if (!page->waitForIdle()) return false;
    auto *edit = w.findChild<QLineEdit *>(QStringLiteral("librarySearch"));
    edit->clear();
    QTest::keyClicks(edit, search);
    if (!page->waitForIdle()) return false;
    QTest::keyClick(edit, Qt::Key_Return);
    return !w.isLibraryShown() && w.library()->versionId() != 0;
}

// Types into a field of the Insured section and presses Enter, as a person would.
inline bool typeIntoInsured(MainWindow &w, const char *field, const QString &text) {
    w.activateWindow();
    w.caseEditor()->showSection(CaseEditor::Insured);
    auto *e = w.caseEditor()->page(CaseEditor::Insured)->findChild<QLineEdit *>(QString::fromLatin1(field));
    if (!e || !e->isEnabled()) return false;
    e->setFocus();
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Delete);
    QTest::keyClicks(e, text);
    QTest::keyClick(e, Qt::Key_Return);
    return true;
}

// Runs `act` once on the first visible top-level widget named `name` (a modal dialog shown later by the
// code under test), polling every 20 ms for up to `timeoutMs`.
inline void whenShown(const QString &name, std::function<void(QWidget *)> act, int timeoutMs = 20000) {
    auto *timer = new QTimer;
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(timer, &QTimer::timeout, [timer, name, act, started, timeoutMs] {
        for (QWidget *top : QApplication::topLevelWidgets())
            if (top->objectName() == name && top->isVisible()) {
                timer->stop();
                timer->deleteLater();
                act(top);
                return;
            }
        if (started->elapsed() > timeoutMs) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

} // namespace pw::test

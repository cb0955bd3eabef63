// SPDX-License-Identifier: MIT
#pragma once

#include "libraryconnection.h"
#include "store/caselibrary.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;
class QSpinBox;

namespace pw {

class SecretStore;

// Settings → Library (issue 16): the case library is the local file (the default) or a PostgreSQL
// server (host, port, database, user, TLS mode in plain words). The choice is kept in QSettings (see
// librarylocationsettings.h); the password only in the SecretStore, under LibraryLocation::secretName().
// A saved password is never shown: the field stays empty with "(kept in the keychain)"; typing replaces it.
// "Test connection" connects on a worker thread and says what happened. OK saves and accepts; the caller
// switches the window to location().
// Object names: libraryLocalRadio, libraryServerRadio, libraryFileEdit, libraryHostEdit, libraryPortSpin,
// libraryDatabaseEdit, libraryUserEdit, libraryTlsCombo, libraryPasswordEdit, libraryTestButton,
// libraryTestResult, librarySettingsMessage, libraryOkButton, libraryCancelButton.
class LibrarySettingsDialog : public QDialog {
    Q_OBJECT
public:
    LibrarySettingsDialog(QSettings *settings, SecretStore *secrets, QWidget *parent = nullptr);
    ~LibrarySettingsDialog() override;

    // The location as the fields say now.
    LibraryLocation location() const;
    // Whether a connection test is running (tests wait for it).
    bool isTesting() const { return m_testing; }

    void accept() override;
    // The password to use until the workbench closes when the keychain could not keep it (the user
    // pressed OK a second time after being told); empty otherwise.
    QString sessionPassword() const { return m_sessionPassword; }

private:
    void updateEnabled();
    void testConnection();
    // A field changed: the test's outcome and a refusal of OK about the fields before are cleared.
    void fieldsChanged();
    // The server fields still empty, in words ("the database and the user"); empty when all are filled.
    QString missingServerFields() const;
    // The password typed, or the one kept for the location the fields describe.
    QString password() const;
    void setMessage(QLabel *label, const QString &text, bool error);

    QSettings *m_settings;
    SecretStore *m_secrets;
    QRadioButton *m_local = nullptr, *m_server = nullptr;
    QLineEdit *m_file = nullptr, *m_host = nullptr, *m_database = nullptr, *m_user = nullptr,
              *m_password = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_tls = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr, *m_message = nullptr;
    QString m_sessionPassword; // the keychain could not keep it: used for this session only
    QFutureWatcher<ConnectionCheck> m_test;
    bool m_testing = false;                          // until the result is shown
    quint64 m_fieldsVersion = 0, m_testedFields = 0; // changes of the fields; the one a test was made at
    // What m_message says: an empty field (cleared when a field changes), the keychain's refusal (cleared
    // when the password is edited), or nothing that a field change makes stale.
    enum class MessageKind { None, EmptyField, Keychain };
    MessageKind m_messageKind = MessageKind::None;
};

} // namespace pw

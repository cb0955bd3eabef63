// SPDX-License-Identifier: MIT
#include "librarysettingsdialog.h"

#include "librarylocationsettings.h"
#include "plaintext.h"
#include "store/secretstore.h"

#include "libraryconnection.h"
#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

LibrarySettingsDialog::LibrarySettingsDialog(QSettings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets) {
    setObjectName(QStringLiteral("librarySettingsDialog"));
    setWindowTitle(tr("Settings — Library"));
    const LibraryLocation saved = savedLibraryLocation(*m_settings);

    m_local = new QRadioButton(tr("On this computer (a file; nothing to set up)"), this);
    m_local->setObjectName(QStringLiteral("libraryLocalRadio"));
    m_server = new QRadioButton(tr("On the agency's PostgreSQL server (shared with colleagues)"), this);
    m_server->setObjectName(QStringLiteral("libraryServerRadio"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_local);
    group->addButton(m_server);
    (saved.kind == LibraryLocation::Kind::Server ? m_server : m_local)->setChecked(true);

    m_file = new QLineEdit(saved.path, this);
    m_file->setObjectName(QStringLiteral("libraryFileEdit"));
    m_file->setPlaceholderText(defaultLibraryPath());
    m_host = new QLineEdit(saved.host, this);
    m_host->setObjectName(QStringLiteral("libraryHostEdit"));
    // Placeholders are examples and say so ("e.g. …"): a bare grey "agency" read as a value already filled
    // in, and Test connection then asked for the database. No default is filled in instead: the
    // database's name is the agency's choice (README: Sharing a library), a guessed one would only fail.
    m_host->setPlaceholderText(tr("e.g. db.agency.example"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("libraryPortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(saved.port);
    m_database = new QLineEdit(saved.database, this);
    m_database->setObjectName(QStringLiteral("libraryDatabaseEdit"));
    m_database->setPlaceholderText(tr("e.g. agency"));
    m_user = new QLineEdit(saved.user, this);
    m_user->setObjectName(QStringLiteral("libraryUserEdit"));
    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("libraryTlsCombo"));
    for (const TlsModeChoice &c : tlsModeChoices())
        m_tls->addItem(c.words, c.mode);
    // A server not chosen yet starts on "require": encrypted, whatever the server would allow.
    const QString mode =
        saved.kind == LibraryLocation::Kind::Server ? saved.sslMode : QStringLiteral("require");
    m_tls->setCurrentIndex(std::max(0, m_tls->findData(mode)));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("libraryPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    QString readError;
    const bool kept = !savedLibraryPassword(*m_secrets, saved, &readError).isEmpty();
    m_password->setPlaceholderText(kept ? tr("(kept in the keychain; type to replace)") : QString());

    m_testButton = new QPushButton(tr("Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("libraryTestButton"));
    m_testResult = plainTextLabel(new QLabel(this)); // server text is data
    m_testResult->setObjectName(QStringLiteral("libraryTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setMinimumWidth(280); // wraps on its own lines instead of being cut
    m_message = plainTextLabel(new QLabel(this));
    m_message->setObjectName(QStringLiteral("librarySettingsMessage"));
    m_message->setWordWrap(true);
    if (!readError.isEmpty()) setMessage(m_message, readError, true);

    auto *localBox = new QFormLayout;
    localBox->addRow(tr("Library file:"), m_file);
    auto *serverForm = new QFormLayout;
    serverForm->addRow(tr("Host:"), m_host);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(tr("Database:"), m_database);
    serverForm->addRow(tr("User:"), m_user);
    serverForm->addRow(tr("Password:"), m_password);
    serverForm->addRow(tr("Encryption (TLS):"), m_tls);
    serverForm->addRow(
        new QLabel(tr("The password is kept in the system keychain, never in settings."), this));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);
    serverForm->addRow(testRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("libraryOkButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("libraryCancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LibrarySettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LibrarySettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Where the case library is kept:"), this));
    layout->addWidget(m_local);
    layout->addLayout(localBox);
    layout->addWidget(m_server);
    layout->addLayout(serverForm);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(m_local, &QRadioButton::toggled, this, &LibrarySettingsDialog::updateEnabled);
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        m_sessionPassword.clear();
        fieldsChanged(); // again, now that the password the keychain refused is no longer the one typed
    });
    connect(m_testButton, &QPushButton::clicked, this, &LibrarySettingsDialog::testConnection);
    // A test's outcome (and a refusal of OK) is about the settings it was made with: once any of them
    // changes it is taken off the screen, never left standing above the next message.
    const auto changed = [this] { fieldsChanged(); };
    for (QLineEdit *edit : {m_file, m_host, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, changed);
    connect(m_port, &QSpinBox::valueChanged, this, changed);
    connect(m_tls, &QComboBox::currentIndexChanged, this, changed);
    connect(m_server, &QRadioButton::toggled, this, changed);
    connect(&m_test, &QFutureWatcher<ConnectionCheck>::finished, this, [this] {
        const ConnectionCheck c = m_test.result();
        m_testing = false;
        m_testButton->setEnabled(true);
        if (m_testedFields != m_fieldsVersion) {
            // The fields changed while the test ran: its outcome is of settings no longer on screen.
            setMessage(m_testResult, QString(), false);
            return;
        }
        const QString detail = libraryFailureDetailLine(c.detail);
        setMessage(m_testResult, detail.isEmpty() ? c.words : c.words + u'\n' + detail, !c.connected);
        adjustSize(); // the whole result shows: the dialog grows with it (up to the screen)
    });
    updateEnabled();
}

LibrarySettingsDialog::~LibrarySettingsDialog() {
    m_test.waitForFinished(); // the worker's connection ends on its own thread
}

void LibrarySettingsDialog::updateEnabled() {
    const bool server = m_server->isChecked();
    m_file->setEnabled(!server);
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_port, m_database, m_user, m_password, m_tls,
                                                       m_testButton})
        w->setEnabled(server && (w != m_testButton || !m_testing));
}

LibraryLocation LibrarySettingsDialog::location() const {
    LibraryLocation l;
    l.kind = m_server->isChecked() ? LibraryLocation::Kind::Server : LibraryLocation::Kind::Local;
    l.path = m_file->text().trimmed();
    l.host = m_host->text().trimmed();
    l.port = m_port->value();
    l.database = m_database->text().trimmed();
    l.user = m_user->text().trimmed();
    l.sslMode = m_tls->currentData().toString();
    return l;
}

QString LibrarySettingsDialog::password() const {
    if (!m_password->text().isEmpty()) return m_password->text();
    return savedLibraryPassword(*m_secrets, location());
}

void LibrarySettingsDialog::setMessage(QLabel *label, const QString &text, bool error) {
    label->setText(text);
    label->setStyleSheet(error ? QStringLiteral("QLabel { color: #b71c1c; }") : QString());
}

void LibrarySettingsDialog::fieldsChanged() {
    ++m_fieldsVersion;
    setMessage(m_testResult, QString(), false);
    // The keychain's refusal stays while the password it was about is the one typed (OK again uses it);
    // the note that the keychain could not be read at the start is about the keychain, not the fields.
    if (m_messageKind == MessageKind::EmptyField ||
        (m_messageKind == MessageKind::Keychain && m_sessionPassword.isEmpty())) {
        setMessage(m_message, QString(), false);
        m_messageKind = MessageKind::None;
    }
}

QString LibrarySettingsDialog::missingServerFields() const {
    const LibraryLocation l = location();
    QStringList missing;
    if (l.host.isEmpty()) missing << tr("the host");
    if (l.database.isEmpty()) missing << tr("the database");
    if (l.user.isEmpty()) missing << tr("the user");
    if (missing.size() > 1) missing.last().prepend(tr("and") + u' ');
    return missing.join(missing.size() > 2 ? QStringLiteral(", ") : QStringLiteral(" "));
}

void LibrarySettingsDialog::testConnection() {
    const LibraryLocation l = location();
    if (const QString missing = missingServerFields(); !missing.isEmpty()) {
        // Only the fields still empty are named: a filled host is not asked for again.
        setMessage(m_testResult, tr("Fill in %1 first.").arg(missing), true);
        return;
    }
    m_testedFields = m_fieldsVersion;
    m_testButton->setEnabled(false);
    m_testing = true;
    setMessage(m_testResult, tr("Connecting to %1…").arg(l.displayName()), false);
    m_test.setFuture(QtConcurrent::run(libraryThreadPool(),
                                       [l, pw = password()] { return checkLibraryConnection(l, pw); }));
}

void LibrarySettingsDialog::accept() {
    const LibraryLocation l = location();
    if (const QString missing = missingServerFields();
        l.kind == LibraryLocation::Kind::Server && !missing.isEmpty()) {
        setMessage(m_message, tr("Fill in %1 of the server.").arg(missing), true);
        m_messageKind = MessageKind::EmptyField;
        return;
    }
    if (l.kind == LibraryLocation::Kind::Server && !m_password->text().isEmpty()) {
        QString error;
        if (m_sessionPassword.isEmpty() && !m_secrets->write(l.secretName(), m_password->text(), &error)) {
            // The password is never written anywhere else. The way forward: use it for this session.
            m_sessionPassword = m_password->text();
            setMessage(
                m_message,
                tr("The system keychain is not available (%1), so the password cannot be kept. Press OK "
                   "again to use it until the workbench closes — it is not saved anywhere — or Cancel.")
                    .arg(libraryFailureDetail(error)),
                true);
            m_messageKind = MessageKind::Keychain;
            adjustSize();
            return;
        }
    }
    saveLibraryLocation(*m_settings, l);
    m_settings->sync();
    QDialog::accept();
}

} // namespace pw

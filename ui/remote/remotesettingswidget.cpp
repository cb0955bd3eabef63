// SPDX-License-Identifier: MIT
#include "remotesettingswidget.h"
#include "plaintext.h"

#include "remote/apienvironment.h"
#include "store/secretstore.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace pw {

namespace {
const QString kBaseUrlKey = QStringLiteral("remote/baseUrl");
}

QUrl RemoteSettingsWidget::savedBaseUrl(const QSettings &settings) {
    const QString text = settings.value(kBaseUrlKey).toString().trimmed();
    return text.isEmpty() ? RunEndpoint::defaultBaseUrl() : QUrl(text, QUrl::StrictMode);
}

RemoteSettingsWidget::RemoteSettingsWidget(QSettings *settings, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_secrets(secrets) {
    setObjectName(QStringLiteral("remoteSettings"));
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(RunEndpoint::defaultBaseUrl().toString());
    if (m_settings) m_baseUrl->setText(m_settings->value(kBaseUrlKey).toString());

    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("apiKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setClearButtonEnabled(true);
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("environmentBadge"));
    m_badge->setMargin(3);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("saveKeyButton"));
    m_remove = new QPushButton(tr("Remove key"), this);
    m_remove->setObjectName(QStringLiteral("removeKeyButton"));
    m_message = plainTextLabel(new QLabel(this));
    m_message->setObjectName(QStringLiteral("remoteSettingsMessage"));
    m_message->setWordWrap(true);

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_badge);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_save);
    auto *form = new QFormLayout(this);
    form->addRow(tr("API base URL:"), m_baseUrl);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(
        new QLabel(tr("The key is kept in the system keychain, never in settings or case files."), this));
    form->addRow(m_message);
    form->addRow(buttons);

    connect(m_key, &QLineEdit::textEdited, this, [this](const QString &text) { updateBadge(text); });
    connect(m_save, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeKey(); });
    showSavedKey();
}

void RemoteSettingsWidget::showSavedKey() {
    QString error;
    const auto key = m_secrets ? m_secrets->read(nexioApiKeySecretName(), &error) : std::nullopt;
    m_key->clear();
    m_key->setPlaceholderText(key ? tr("%1 (saved)").arg(maskApiKey(*key)) : tr("nx_test_… or nx_live_…"));
    m_remove->setEnabled(key.has_value());
    updateBadge(key.value_or(QString()));
    if (!error.isEmpty()) setMessage(error, true);
}

void RemoteSettingsWidget::updateBadge(const QString &key) {
    const ApiEnvironment env = ApiEnvironment::fromKey(key);
    if (key.trimmed().isEmpty()) {
        m_badge->setText(tr("NO KEY"));
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #9e9e9e; color: white; font-weight: bold; }"));
    } else if (!env.known) {
        m_badge->setText(tr("UNKNOWN"));
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #ef6c00; color: white; font-weight: bold; }"));
    } else {
        m_badge->setText(env.live ? QStringLiteral("LIVE") : env.name.toUpper());
        m_badge->setStyleSheet(
            env.live ? QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; }")
                     : QStringLiteral("QLabel { background: #2e7d32; color: white; font-weight: bold; }"));
    }
}

void RemoteSettingsWidget::setMessage(const QString &text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #b71c1c; }") : QString());
}

bool RemoteSettingsWidget::apply() {
    const QString urlText = m_baseUrl->text().trimmed();
    const QUrl url = urlText.isEmpty() ? RunEndpoint::defaultBaseUrl() : QUrl(urlText, QUrl::StrictMode);
    if (const QString why = checkBaseUrl(url); !why.isEmpty()) {
        setMessage(why, true);
        return false;
    }
    if (m_settings) {
        if (urlText.isEmpty())
            m_settings->remove(kBaseUrlKey);
        else
            m_settings->setValue(kBaseUrlKey, url.toString());
    }
    Q_EMIT baseUrlChanged(url);

    const QString key = m_key->text().trimmed();
    if (!key.isEmpty()) {
        if (!ApiEnvironment::fromKey(key).known) {
            setMessage(
                tr("This does not look like a Nexio key (nx_test_…, nx_live_… or nx_<environment>_…)."),
                true);
            return false;
        }
        QString error;
        if (!m_secrets || !m_secrets->write(nexioApiKeySecretName(), key, &error)) {
            setMessage(error.isEmpty() ? tr("The key could not be saved.") : error, true);
            return false;
        }
        Q_EMIT apiKeyChanged();
    }
    showSavedKey();
    setMessage(tr("Saved."), false);
    return true;
}

bool RemoteSettingsWidget::removeKey() {
    QString error;
    if (!m_secrets || !m_secrets->remove(nexioApiKeySecretName(), &error)) {
        setMessage(error.isEmpty() ? tr("The key could not be removed.") : error, true);
        return false;
    }
    Q_EMIT apiKeyChanged();
    showSavedKey();
    setMessage(tr("Key removed."), false);
    return true;
}

} // namespace pw

// SPDX-License-Identifier: MIT
#pragma once

#include "remote/remotesettings.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace pw {

class SecretStore;

// The Remote section of the Settings dialog: the API base URL (kept in QSettings under remote/baseUrl)
// and the API key (kept only in the SecretStore — never in QSettings). A saved key is shown masked as its
// prefix plus dots; typing a new one replaces it. The badge shows TEST, LIVE or the environment slug from
// the key prefix. Object names: baseUrlEdit, apiKeyEdit, environmentBadge, saveKeyButton,
// removeKeyButton, remoteSettingsMessage.
class RemoteSettingsWidget : public QWidget {
    Q_OBJECT
public:
    RemoteSettingsWidget(QSettings *settings, SecretStore *secrets, QWidget *parent = nullptr);

    // The base URL saved in settings (or the default), for the run monitor.
    static QUrl savedBaseUrl(const QSettings &settings);

public Q_SLOTS:
    // Saves the base URL (if acceptable) and a newly typed key; returns false with the reason shown.
    bool apply();
    bool removeKey();

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);
    void apiKeyChanged(); // the key itself is not passed around

private:
    void showSavedKey();
    void updateBadge(const QString &key);
    void setMessage(const QString &text, bool error);

    QSettings *m_settings;
    SecretStore *m_secrets;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace pw

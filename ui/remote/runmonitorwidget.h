// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "remote/apienvironment.h"
#include "remote/remotesettings.h"
#include "remote/runoutcome.h"

#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;
class QTimer;

namespace pw {

class NexioClient;
class RunPoller;
class RunStore;
class SecretStore;

// The Remote tab: submits the current case to the Nexio API and follows it — status, stage, a countdown to
// the next poll, a cancel button (stops watching; the run goes on at the server) and the history of this
// case's runs from the RunStore. The key is read from the SecretStore at each submission and shown only
// as its TEST/LIVE badge; a live (or unrecognised) key needs an explicit confirmation first. Unfinished runs
// in the store are resumed by resumeUnfinished() (the window calls it once at start). The network manager,
// store and secret store are not owned.
//
// Object names (the GUI tests' contract): runMonitor, submitButton, cancelButton, statusLabel, stageLabel,
// countdownLabel, environmentBadge, messageLabel, runHistory.
class RunMonitorWidget : public QWidget {
    Q_OBJECT
public:
    // Asked before a submission that needs confirmation; true to go ahead. Default: a QMessageBox.
    using ConfirmHandler = std::function<bool(QWidget *parent, const ApiEnvironment &environment)>;

    RunMonitorWidget(QNetworkAccessManager *network, RunStore *store, SecretStore *secrets,
                     QWidget *parent = nullptr);
    ~RunMonitorWidget() override;

    void setCase(const QString &casePath, const JsonValue &caseRoot);
    void setEndpoint(const RunEndpoint &endpoint);
    RunEndpoint endpoint() const { return m_endpoint; }
    void setRemoteSettings(const RemoteSettings &settings);
    void setConfirmHandler(ConfirmHandler handler) { m_confirm = std::move(handler); }

    bool isWatching() const;
    QString currentRunId() const;

public Q_SLOTS:
    // Returns false (with the reason shown) when nothing was sent.
    bool submitCase();
    void cancelRun();
    // Follows every unfinished run in the store; returns how many.
    int resumeUnfinished();
    void refreshHistory();
    // Whether the monitor shows its own TEST/LIVE badge (the Remote tab shows one badge, beside the key).
    void setKeyBadgeVisible(bool visible);
    // Reads the saved key again and shows its environment on the badge (after the key is saved or
    // removed); a "no key" message goes once a key is there.
    void refreshKeyBadge();

Q_SIGNALS:
    void runCompleted(const pw::JsonValue &run); // completed or degraded
    void runFinished(const pw::RunOutcome &outcome);

private:
    RunPoller *startPoller();
    void follow(RunPoller *poller);
    void showRun(const JsonValue &run);
    void onFinished(RunPoller *poller, const RunOutcome &outcome);
    void updateCountdown();
    void updateBadge(const QString &apiKey);
    void setMessage(const QString &text, bool error);
    std::optional<QString> readKey();

    QNetworkAccessManager *m_network;
    RunStore *m_store;
    SecretStore *m_secrets;
    RunEndpoint m_endpoint;
    RemoteSettings m_settings;
    ConfirmHandler m_confirm;
    std::unique_ptr<NexioClient> m_client;
    std::vector<RunPoller *> m_pollers;
    RunPoller *m_current = nullptr;
    QString m_casePath;
    JsonValue m_caseRoot;

    QLabel *m_badge = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_stage = nullptr;
    QLabel *m_countdown = nullptr;
    QLabel *m_message = nullptr;
    bool m_messageIsMissingKey = false;
    QPushButton *m_submit = nullptr;
    QPushButton *m_cancel = nullptr;
    QTableWidget *m_history = nullptr;
    QTimer *m_tick = nullptr;
};

} // namespace pw

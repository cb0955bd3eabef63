// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QWidget>

#include <memory>

class QNetworkAccessManager;
class QSettings;
class QTextBrowser;
class QVBoxLayout;

namespace pw {

class CaseDocument;
class RankingController;
class RemoteSettingsWidget;
class RunMonitorWidget;
class RunStore;
class SecretStore;

// The Remote result tab: the API settings (base URL, key in the keychain with its TEST/LIVE badge), the run
// monitor for the open case, and — once a remote run completes — its solutions compared with the local
// ranking of the same case (same top package, matching labels, cost differences), stated plainly.
// Owns its network manager, run store and secret store; the store lives in the user's data folder (or
// PLACEMENT_WORKBENCH_DATA_DIR).
class RemoteTab : public QWidget {
    Q_OBJECT
public:
    RemoteTab(CaseDocument *doc, RankingController *ranking, std::unique_ptr<SecretStore> secrets,
              QWidget *parent = nullptr);
    ~RemoteTab() override;

    RunMonitorWidget *monitor() {
        ensureBuilt();
        return m_monitor;
    }
    // Shows the comparison of a remote run with the current local ranking.
    void showRemoteRun(const JsonValue &remoteRun);
    // The settings and monitor read the keychain, so they are built when the tab is first shown (or at
    // start when the store holds unfinished runs to resume), never on the way to the first window. The
    // window also builds them before it shows this tab on purpose (a screenshot, a menu), so what is
    // grabbed is what a user sees.
    void ensureBuilt();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void caseChanged();

    CaseDocument *m_doc;
    RankingController *m_ranking;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<QSettings> m_settings;
    QNetworkAccessManager *m_network = nullptr;
    RemoteSettingsWidget *m_settingsWidget = nullptr;
    RunMonitorWidget *m_monitor = nullptr;
    QTextBrowser *m_comparison = nullptr;
    QVBoxLayout *m_layout = nullptr;
    bool m_building = false;      // ensureBuilt() is under way (the keychain may spin an event loop)
    bool m_resumePending = false; // unfinished runs are resumed once the tab is built
};

} // namespace pw

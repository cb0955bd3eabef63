// SPDX-License-Identifier: MIT
#include "remotetab.h"

#include "casedocument.h"
#include "rankingcontroller.h"
#include "remote/remotesettingswidget.h"
#include "remote/runcomparison.h"
#include "remote/runmonitorwidget.h"
#include "store/runstore.h"
#include "store/secretstore.h"

#include <QDir>
#include <QGroupBox>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace pw {

namespace {

QString storePath() {
    const QString dir = qEnvironmentVariable("PLACEMENT_WORKBENCH_DATA_DIR");
    return dir.isEmpty() ? RunStore::defaultDatabasePath()
                         : QDir(dir).filePath(QStringLiteral("runs.sqlite"));
}

// Carrier per line as the ranking shows it ("Harborview / Harborview / Keystone"), from the offerings the
// runs carry; an id no run describes is shown as it is.
QString packageText(const std::optional<RunComparison::Package> &p, const QHash<QString, QString> &carriers) {
    if (!p) return QObject::tr("none");
    QStringList parts;
    for (const QString &id : p->offeringIds)
        parts << carriers.value(id, id);
    return parts.join(QStringLiteral(" / ")).toHtmlEscaped();
}

void collectCarriers(const JsonValue &run, QHash<QString, QString> &carriers) {
    for (const auto &s : run[u"solutions"].arrayItems())
        for (const auto &o : s[u"offerings"].arrayItems()) {
            const QString name = o[u"provider_name"].toString();
            carriers.insert(o[u"id"].toString(), name.isEmpty() ? o[u"provider_id"].toString() : name);
        }
}

} // namespace

RemoteTab::RemoteTab(CaseDocument *doc, RankingController *ranking, std::unique_ptr<SecretStore> secrets,
                     QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_ranking(ranking)
    , m_secrets(std::move(secrets))
    , m_store(std::make_unique<RunStore>(storePath()))
    , m_settings(std::make_unique<QSettings>()) {
    setObjectName(QStringLiteral("remoteTab"));
    m_network = new QNetworkAccessManager(this);
    m_layout = new QVBoxLayout(this);
    QTimer::singleShot(0, this, [this] {
        if (m_store->isOpen() && !m_store->unfinishedRuns().empty()) {
            m_resumePending = true;
            ensureBuilt();
        }
    });
}

void RemoteTab::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    // Not while Qt is showing this widget's children: adding children then would disturb that walk.
    if (!m_monitor) QTimer::singleShot(0, this, &RemoteTab::ensureBuilt);
}

void RemoteTab::ensureBuilt() {
    // Reading the keychain may spin a nested event loop, in which the show timer or the resume timer can
    // call this again: the tab is built once, and a resume asked for meanwhile runs when it is done.
    if (m_monitor || m_building) return;
    m_building = true;
    auto *settingsBox = new QGroupBox(tr("Nexio API"), this);
    auto *settingsLayout = new QVBoxLayout(settingsBox);
    m_settingsWidget = new RemoteSettingsWidget(m_settings.get(), m_secrets.get(), settingsBox);
    settingsLayout->addWidget(m_settingsWidget);
    m_layout->addWidget(settingsBox);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_monitor = new RunMonitorWidget(m_network, m_store.get(), m_secrets.get(), split);
    // One TEST/LIVE badge in the tab: the one beside the key, which follows the key as it is typed and
    // saved (the monitor's would say the same thing a second time).
    m_monitor->setKeyBadgeVisible(false);
    m_comparison = new QTextBrowser(split);
    m_comparison->setObjectName(QStringLiteral("remoteComparison"));
    m_comparison->setPlaceholderText(tr(
        "When a remote run completes, its answer is compared here with the local ranking of the same case."));
    split->addWidget(m_monitor);
    split->addWidget(m_comparison);
    m_layout->addWidget(split, 1);

    RunEndpoint endpoint;
    const QUrl saved = RemoteSettingsWidget::savedBaseUrl(*m_settings);
    if (saved.isValid() && !saved.isEmpty()) endpoint.baseUrl = saved;
    m_monitor->setEndpoint(endpoint);
    connect(m_settingsWidget, &RemoteSettingsWidget::baseUrlChanged, this, [this](const QUrl &url) {
        RunEndpoint e = m_monitor->endpoint();
        e.baseUrl = url;
        m_monitor->setEndpoint(e);
    });
    connect(m_monitor, &RunMonitorWidget::runCompleted, this, &RemoteTab::showRemoteRun);
    // A key saved or removed above is the one the monitor's badge shows at once.
    connect(m_settingsWidget, &RemoteSettingsWidget::apiKeyChanged, m_monitor,
            &RunMonitorWidget::refreshKeyBadge);
    m_monitor->refreshKeyBadge();
    connect(m_doc, &CaseDocument::loaded, this, &RemoteTab::caseChanged);
    connect(m_doc, &CaseDocument::edited, this, &RemoteTab::caseChanged);
    connect(m_doc, &CaseDocument::fileNameChanged, this, &RemoteTab::caseChanged);
    caseChanged();
    m_building = false;
    if (m_resumePending) {
        m_resumePending = false;
        m_monitor->resumeUnfinished();
    }
}

RemoteTab::~RemoteTab() = default;

void RemoteTab::caseChanged() {
    // Runs are listed per case file; a case not saved yet (the bundled sample, a new case) keeps its runs
    // under one shared name so they still show in the history.
    const QString path = m_doc->fileName().isEmpty() ? tr("(unsaved case)") : m_doc->fileName();
    m_monitor->setCase(path, m_doc->root());
}

void RemoteTab::showRemoteRun(const JsonValue &remoteRun) {
    ensureBuilt();
    const JsonValue &local = m_ranking->run();
    if (!local.isObject()) {
        m_comparison->setHtml(
            tr("<p>The remote run completed, but there is no local ranking to compare it with "
               "(fix the case's problems to rank it locally).</p>"));
        return;
    }
    const RunComparison c = compareRuns(local, remoteRun);
    QHash<QString, QString> carriers;
    collectCarriers(local, carriers);
    collectCarriers(remoteRun, carriers);
    QString html = tr("<h3>Remote and local answers</h3>");
    html += tr("<p><b>%1</b> — local rank 1: %2; remote rank 1: %3.</p>")
                .arg(c.sameTopPackage ? tr("Same top package") : tr("Different top packages"),
                     packageText(c.localTop, carriers), packageText(c.remoteTop, carriers));
    html += QStringLiteral("<pre>%1</pre>").arg(renderComparisonTable(c).toHtmlEscaped());
    m_comparison->setHtml(html);
}

} // namespace pw

// SPDX-License-Identifier: MIT
#include "runmonitorwidget.h"
#include "plaintext.h"

#include "remote/nexioclient.h"
#include "remote/runpoller.h"
#include "store/runstore.h"
#include "store/secretstore.h"
#include "util/dates.h"
#include "util/displaytext.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pw {

namespace {

bool askWithMessageBox(QWidget *parent, const ApiEnvironment &environment) {
    const QString text =
        environment.live
            ? QObject::tr("This key is a LIVE (production) key. Submitting sends the insured's data to the "
                          "production Nexio service and may be billed.\n\nSubmit to LIVE?")
            : QObject::tr("This key is not a recognised Nexio key (nx_test_…, nx_live_…), so it may be a "
                          "production key.\n\nSubmit anyway?");
    QMessageBox box(QMessageBox::Warning, QObject::tr("Confirm remote submission"), text,
                    QMessageBox::NoButton, parent);
    QPushButton *go = box.addButton(environment.live ? QObject::tr("Submit to LIVE") : QObject::tr("Submit"),
                                    QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

enum HistoryColumn { ColRun, ColStatus, ColStage, ColEnvironment, ColCreated, ColUpdated, ColCount };

} // namespace

RunMonitorWidget::RunMonitorWidget(QNetworkAccessManager *network, RunStore *store, SecretStore *secrets,
                                   QWidget *parent)
    : QWidget(parent)
    , m_network(network)
    , m_store(store)
    , m_secrets(secrets)
    , m_confirm(askWithMessageBox) {
    setObjectName(QStringLiteral("runMonitor"));
    m_client = std::make_unique<NexioClient>(m_network, QString(), m_settings);

    auto *top = new QHBoxLayout;
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("environmentBadge"));
    m_badge->setMargin(3);
    m_submit = new QPushButton(tr("Submit to Nexio"), this);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_cancel = new QPushButton(tr("Stop watching"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(
        tr("Stop polling this run. The run goes on at the server; its result can be fetched later."));
    m_cancel->setEnabled(false);
    top->addWidget(m_badge);
    top->addStretch(1);
    top->addWidget(m_submit);
    top->addWidget(m_cancel);

    auto *form = new QFormLayout;
    // Status, stage and messages carry server text: plain text, control and bidi characters escaped.
    m_status = plainTextLabel(new QLabel(tr("—"), this));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_stage = plainTextLabel(new QLabel(tr("—"), this));
    m_stage->setObjectName(QStringLiteral("stageLabel"));
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("countdownLabel"));
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Stage:"), m_stage);
    form->addRow(tr("Next poll:"), m_countdown);

    m_message = plainTextLabel(new QLabel(this));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_history = new QTableWidget(0, ColCount, this);
    m_history->setObjectName(QStringLiteral("runHistory"));
    m_history->setHorizontalHeaderLabels(
        {tr("Run"), tr("Status"), tr("Stage"), tr("Environment"), tr("Submitted"), tr("Updated")});
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(new QLabel(tr("Runs of this case:"), this));
    layout->addWidget(m_history, 1);

    m_tick = new QTimer(this);
    m_tick->setInterval(200);
    connect(m_tick, &QTimer::timeout, this, &RunMonitorWidget::updateCountdown);
    connect(m_submit, &QPushButton::clicked, this, [this] { submitCase(); });
    connect(m_cancel, &QPushButton::clicked, this, &RunMonitorWidget::cancelRun);

    QString error;
    const auto key = m_secrets ? m_secrets->read(nexioApiKeySecretName(), &error) : std::nullopt;
    updateBadge(key.value_or(QString()));
    if (!error.isEmpty()) setMessage(error, true);
    if (m_store && !m_store->isOpen()) setMessage(m_store->lastError(), true); // damaged, locked, no folder
    updateCountdown();
}

RunMonitorWidget::~RunMonitorWidget() {
    // Pollers go before the client they use.
    for (RunPoller *p : m_pollers)
        delete p;
    m_pollers.clear();
}

void RunMonitorWidget::setCase(const QString &casePath, const JsonValue &caseRoot) {
    m_casePath = casePath;
    m_caseRoot = caseRoot;
    refreshHistory();
}

void RunMonitorWidget::setEndpoint(const RunEndpoint &endpoint) {
    m_endpoint = endpoint;
}

void RunMonitorWidget::setRemoteSettings(const RemoteSettings &settings) {
    m_settings = settings;
    if (m_pollers.empty()) m_client = std::make_unique<NexioClient>(m_network, QString(), m_settings);
}

bool RunMonitorWidget::isWatching() const {
    return m_current && m_current->isActive();
}

QString RunMonitorWidget::currentRunId() const {
    return m_current ? m_current->runId() : QString();
}

std::optional<QString> RunMonitorWidget::readKey() {
    QString error;
    const auto key = m_secrets ? m_secrets->read(nexioApiKeySecretName(), &error) : std::nullopt;
    updateBadge(key.value_or(QString()));
    if (!key || key->trimmed().isEmpty()) {
        setMessage(error.isEmpty() ? tr("No Nexio API key is set: enter it under “Nexio API” above and press "
                                        "Save.")
                                   : error,
                   true);
        m_messageIsMissingKey = error.isEmpty();
        return std::nullopt;
    }
    m_client->setApiKey(*key);
    return key->trimmed();
}

void RunMonitorWidget::setKeyBadgeVisible(bool visible) {
    m_badge->setVisible(visible);
    // A hidden badge is no badge: the tests' contract (environmentBadge) names the one on screen.
    m_badge->setObjectName(visible ? QStringLiteral("environmentBadge")
                                   : QStringLiteral("monitorEnvironmentBadge"));
}

void RunMonitorWidget::refreshKeyBadge() {
    QString error;
    const auto key = m_secrets ? m_secrets->read(nexioApiKeySecretName(), &error) : std::nullopt;
    updateBadge(key.value_or(QString()).trimmed());
    // A "no key" complaint is answered once a key is there.
    if (key && !key->trimmed().isEmpty() && m_messageIsMissingKey) setMessage(QString(), false);
}

void RunMonitorWidget::updateBadge(const QString &apiKey) {
    const ApiEnvironment env = ApiEnvironment::fromKey(apiKey);
    if (apiKey.isEmpty()) {
        m_badge->setText(tr("NO KEY"));
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #9e9e9e; color: white; font-weight: bold; }"));
    } else if (env.live) {
        m_badge->setText(QStringLiteral("LIVE"));
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; }"));
    } else if (env.known) {
        m_badge->setText(env.name.toUpper());
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #2e7d32; color: white; font-weight: bold; }"));
    } else {
        m_badge->setText(tr("UNKNOWN KEY"));
        m_badge->setStyleSheet(
            QStringLiteral("QLabel { background: #ef6c00; color: white; font-weight: bold; }"));
    }
}

void RunMonitorWidget::setMessage(const QString &text, bool error) {
    m_messageIsMissingKey = false;
    m_message->setText(escapeControlsKeepLines(text));
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #b71c1c; }") : QString());
}

RunPoller *RunMonitorWidget::startPoller() {
    auto *poller = new RunPoller(m_client.get(), m_store, this);
    m_pollers.push_back(poller);
    follow(poller);
    connect(poller, &RunPoller::finished, this,
            [this, poller](const RunOutcome &o) { onFinished(poller, o); });
    connect(poller, &RunPoller::runUpdated, this, [this, poller](const JsonValue &run) {
        if (poller == m_current) showRun(run);
        refreshHistory();
    });
    connect(poller, &RunPoller::retrying, this, [this, poller](const QString &message, int delayMs) {
        if (poller == m_current)
            setMessage(tr("%1 — trying again in %2 s").arg(message).arg(delayMs / 1000.0, 0, 'f', 1), true);
    });
    connect(poller, &RunPoller::submitted, this, [this, poller](const QString &runId) {
        if (poller == m_current) setMessage(tr("Submitted as run %1.").arg(runId), false);
        refreshHistory();
    });
    return poller;
}

void RunMonitorWidget::follow(RunPoller *poller) {
    m_current = poller;
    m_cancel->setEnabled(true);
    m_tick->start();
}

bool RunMonitorWidget::submitCase() {
    if (m_caseRoot.isNull() || !m_caseRoot[u"input"].isObject()) {
        setMessage(tr("Open a case first: the API needs its \"input\" object."), true);
        return false;
    }
    if (const QString why = checkBaseUrl(m_endpoint.baseUrl); !why.isEmpty()) {
        setMessage(why, true);
        return false;
    }
    // As the submit command does: the run id must be recorded the moment it arrives, so a store that cannot
    // be written (read-only, locked, damaged, not open) is found out before the case is sent.
    if (!m_store || !m_store->checkWritable()) {
        m_status->setText(tr("not submitted"));
        setMessage(tr("Not submitted: %1").arg(m_store ? m_store->lastError() : tr("there is no run store")),
                   true);
        return false;
    }
    const auto key = readKey();
    if (!key) return false;
    const ApiEnvironment env = ApiEnvironment::fromKey(*key);
    if (env.needsConfirmation() && !(m_confirm && m_confirm(this, env))) {
        setMessage(tr("Not submitted."), false);
        return false;
    }
    RunPoller *poller = startPoller();
    m_status->setText(tr("submitting…"));
    m_stage->setText(tr("—"));
    setMessage(QString(), false);
    poller->submit(m_caseRoot, m_casePath, m_endpoint, env.name);
    return true;
}

void RunMonitorWidget::cancelRun() {
    if (m_current && m_current->isActive()) m_current->cancel(true);
}

int RunMonitorWidget::resumeUnfinished() {
    if (!m_store) return 0;
    const auto runs = m_store->unfinishedRuns();
    if (runs.empty()) return 0;
    if (!readKey()) return 0;
    int resumed = 0;
    for (const StoredRun &s : runs) {
        bool already = false;
        for (RunPoller *p : m_pollers)
            already = already || (p->isActive() && p->runId() == s.runId);
        if (already) continue;
        RunEndpoint e;
        e.baseUrl = QUrl(s.baseUrl);
        e.family = apiFamilyFromName(s.family);
        e.engineSlug = s.engineSlug;
        e.engineVersion = s.engineVersion;
        RunPoller *poller = startPoller();
        poller->resume(s.runId, e);
        ++resumed;
    }
    if (resumed) setMessage(tr("Resumed %n unfinished run(s).", nullptr, resumed), false);
    return resumed;
}

void RunMonitorWidget::showRun(const JsonValue &run) {
    m_status->setText(run[u"status"].isString() ? serverText(run[u"status"].toString()) : tr("—"));
    m_stage->setText(run[u"stage"].isString() ? serverText(run[u"stage"].toString()) : tr("—"));
}

void RunMonitorWidget::onFinished(RunPoller *poller, const RunOutcome &outcome) {
    if (poller == m_current) {
        if (!outcome.run.isNull())
            showRun(outcome.run);
        else if (outcome.kind == RunOutcome::Kind::Error)
            m_status->setText(tr("not submitted"));
        if (outcome.kind == RunOutcome::Kind::Cancelled) {
            // Stopped by the agent: the status says so, with the server's last word when there was one.
            const QString last =
                outcome.run[u"status"].isString() ? serverText(outcome.run[u"status"].toString()) : QString();
            m_status->setText(outcome.runId.isEmpty()
                                  ? tr("not submitted (stopped before the server answered)")
                              : last.isEmpty() ? tr("not watched (the run goes on at the server)")
                                               : tr("not watched (last seen: %1)").arg(last));
        }
        const bool bad = outcome.kind == RunOutcome::Kind::Error || outcome.kind == RunOutcome::Kind::Failed;
        QString text = outcome.message;
        if (outcome.kind == RunOutcome::Kind::Error) {
            switch (outcome.error.kind) {
            case ApiResult::Kind::Refused:
                text += tr("\nCheck the API key and the case; the server will refuse it again as it is.");
                break;
            case ApiResult::Kind::Network:
            case ApiResult::Kind::Timeout:
            case ApiResult::Kind::ServerError:
            case ApiResult::Kind::RateLimited:
                text += outcome.runId.isEmpty()
                            ? tr("\nCheck the connection and submit again.")
                            : tr("\nThe run is kept; it resumes the next time the workbench starts.");
                break;
            default:
                break;
            }
        }
        setMessage(text, bad);
        m_cancel->setEnabled(false);
    }
    refreshHistory();
    updateCountdown();
    if (outcome.succeeded()) Q_EMIT runCompleted(outcome.run);
    Q_EMIT runFinished(outcome);
    // Finished pollers are dropped once their signals have been delivered.
    QTimer::singleShot(0, this, [this, poller] {
        const auto it = std::find(m_pollers.begin(), m_pollers.end(), poller);
        if (it == m_pollers.end() || poller->isActive()) return;
        m_pollers.erase(it);
        if (m_current == poller) {
            // Keep showing the last outcome; follow another active run if there is one.
            m_current = nullptr;
            for (RunPoller *p : m_pollers)
                if (p->isActive()) follow(p);
        }
        delete poller;
        if (!m_current) m_tick->stop();
        updateCountdown();
    });
}

void RunMonitorWidget::updateCountdown() {
    if (!m_current || !m_current->isActive()) {
        m_countdown->setText(tr("—"));
        return;
    }
    const qint64 ms = m_current->msUntilNextRequest();
    m_countdown->setText(ms > 0 ? tr("in %1 s").arg(double(ms) / 1000.0, 0, 'f', 1)
                                : tr("waiting for the server…"));
}

void RunMonitorWidget::refreshHistory() {
    m_history->setRowCount(0);
    if (!m_store) return;
    const auto runs = m_casePath.isEmpty() ? std::vector<StoredRun>{} : m_store->runs(m_casePath);
    if (runs.empty() && !m_store->lastError().isEmpty()) setMessage(m_store->lastError(), true);
    m_history->setRowCount(int(runs.size()));
    for (int row = 0; row < int(runs.size()); ++row) {
        const StoredRun &r = runs[size_t(row)];
        const QString status = r.status + (r.abandoned && !r.isFinished() ? tr(" (not watched)") : QString());
        const QStringList cells{r.runId,
                                status,
                                r.stage,
                                r.environment,
                                formatTimestamp(r.createdAt),
                                formatTimestamp(r.updatedAt)};
        for (int c = 0; c < ColCount; ++c) {
            auto *item = new QTableWidgetItem(serverText(cells.value(c)));
            if (c == ColStatus && !r.lastError.isEmpty())
                item->setToolTip(plainToolTip(serverText(r.lastError)));
            m_history->setItem(row, c, item);
        }
    }
}

} // namespace pw

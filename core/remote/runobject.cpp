// SPDX-License-Identifier: MIT
#include "runobject.h"

#include "io/problem.h"
#include "util/displaytext.h"

#include <cmath>

namespace pw {

namespace {

// How a bad value is quoted in the message: short, one line, control characters escaped.
QString shown(const JsonValue &v) {
    QString text = v.isString()   ? QStringLiteral("\"%1\"").arg(v.toString())
                   : v.isNumber() ? QString::fromLatin1(v.numberText())
                                  : v.typeName();
    text = cutGraphemes(text, 40);
    return escapeControls(text);
}

QString notA(const QString &path, const JsonValue &v, const QString &what) {
    return QStringLiteral("%1 is %2, not %3").arg(path, shown(v), what);
}

// A number that can be shown and compared: parsed, and finite (1e400 reads as infinity).
bool isFinite(const JsonValue &v) {
    return v.isNumber() && std::isfinite(v.toDouble());
}

QString checkOptionalNumber(const JsonValue &v, const QString &path) {
    if (v.isNull() || isFinite(v)) return QString();
    return notA(path, v, v.isNumber() ? QStringLiteral("a finite number") : QStringLiteral("a number"));
}

QString checkSolution(const JsonValue &s, const QString &path) {
    if (!s.isObject()) return notA(path, s, QStringLiteral("an object"));
    const JsonValue &rank = s[u"rank"];
    if (!isFinite(rank) || rank.toDouble() < 1 || rank.toDouble() > 1e9 ||
        rank.toDouble() != std::floor(rank.toDouble()))
        return notA(path + QStringLiteral(".rank"), rank, QStringLiteral("a whole number of at least 1"));
    for (const char *key : {"est_cost_low", "est_cost_high", "provider_count", "cost_mid"}) {
        const QString k = QString::fromLatin1(key);
        if (QString why = checkOptionalNumber(s[k], path + u'.' + k); !why.isEmpty()) return why;
    }
    const JsonValue &label = s[u"cluster_label"];
    if (!label.isNull() && !label.isString())
        return notA(path + QStringLiteral(".cluster_label"), label, QStringLiteral("a string"));
    const JsonValue &offerings = s[u"offerings"];
    if (!offerings.isNull()) {
        if (!offerings.isArray())
            return notA(path + QStringLiteral(".offerings"), offerings, QStringLiteral("an array"));
        for (int i = 0; i < offerings.size(); ++i) {
            const JsonValue &o = offerings.at(i);
            if (!o.isObject() && !o.isString())
                return notA(QStringLiteral("%1.offerings[%2]").arg(path).arg(i), o,
                            QStringLiteral("an offering object or id"));
        }
    }
    const JsonValue &card = s[u"scorecard"];
    if (!card.isNull()) {
        if (!card.isObject())
            return notA(path + QStringLiteral(".scorecard"), card, QStringLiteral("an object"));
        const JsonValue &level = card[u"overall_level"];
        if (!level.isNull() && !level.isString() && !isFinite(level))
            return notA(path + QStringLiteral(".scorecard.overall_level"), level,
                        QStringLiteral("a level such as L1"));
    }
    return QString();
}

} // namespace

bool isKnownRunStatus(const QString &status) {
    return status == u"queued" || status == u"processing" || isTerminalRunStatus(status);
}

bool isTerminalRunStatus(const QString &status) {
    return status == u"completed" || status == u"degraded" || status == u"failed";
}

QString checkRunObject(const JsonValue &run) {
    if (!run.isObject()) return notA(QStringLiteral("the run"), run, QStringLiteral("an object"));
    const JsonValue &stage = run[u"stage"];
    if (!stage.isNull() && !stage.isString())
        return notA(QStringLiteral("stage"), stage, QStringLiteral("a string"));
    if (QString why = checkOptionalNumber(run[u"duration_ms"], QStringLiteral("duration_ms")); !why.isEmpty())
        return why;
    const JsonValue &output = run[u"output"];
    if (!output.isNull() && !output.isObject())
        return notA(QStringLiteral("output"), output, QStringLiteral("an object"));
    const JsonValue &solutions = run[u"solutions"];
    if (solutions.isNull()) return QString();
    if (!solutions.isArray()) return notA(QStringLiteral("solutions"), solutions, QStringLiteral("an array"));
    for (int i = 0; i < solutions.size(); ++i)
        if (QString why = checkSolution(solutions.at(i), QStringLiteral("solutions[%1]").arg(i));
            !why.isEmpty())
            return why;
    return QString();
}

RunAnswerProblem checkRunAnswer(const JsonValue &run, const QString &runId) {
    using Kind = RunAnswerProblem::Kind;
    if (!run.isObject())
        return {Kind::Unreadable, QStringLiteral("The server's answer for run %1 is %2, not a run object")
                                      .arg(runId, run.typeName())};
    const JsonValue &id = run[u"run_id"];
    if (!id.isNull() && (!id.isString() || id.toString() != runId))
        return {Kind::OtherRun, QStringLiteral("Asked for run %1, the server answered with run %2")
                                    .arg(runId, id.isString() ? excerpt(id.toString(), 128) : shown(id))};
    const JsonValue &status = run[u"status"];
    if (status.isNull())
        return {Kind::NoStatus, QStringLiteral("The server's answer for run %1 has no status").arg(runId)};
    if (!status.isString())
        return {Kind::NoStatus,
                QStringLiteral("The server's answer for run %1 has a status that is %2, not a status name")
                    .arg(runId, shown(status))};
    if (!isKnownRunStatus(status.toString()))
        return {
            Kind::UnknownStatus,
            QStringLiteral("Run %1 has an unknown status '%2'").arg(runId, excerpt(status.toString(), 80))};
    if (const QString why = checkRunObject(run); !why.isEmpty())
        return {Kind::Unreadable,
                QStringLiteral("The server's answer for run %1 (status '%2') cannot be read: %3")
                    .arg(runId, status.toString(), why)};
    return {};
}

} // namespace pw

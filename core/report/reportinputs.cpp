// SPDX-License-Identifier: MIT
#include "reportinputs.h"

#include "store/casefacts.h"

#include <QCryptographicHash>
#include <QSettings>

namespace pw {

namespace {

QString sha256Hex(const QByteArray &bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString leafText(const JsonValue &v) {
    return v.isNull() ? QStringLiteral("(not set)") : QString::fromUtf8(writeJson(v, -1));
}

void diffInto(const JsonValue &base, const JsonValue &used, const QString &path, QStringList &out) {
    if (base.isObject() && used.isObject()) {
        for (const auto &[key, value] : used.objectMembers()) {
            const QString p = path.isEmpty() ? key : path + u'.' + key;
            diffInto(base[key], value, p, out);
        }
        return;
    }
    if (base != used) out << QStringLiteral("%1: %2 → %3").arg(path, leafText(base), leafText(used));
}

} // namespace

std::optional<ReportKind> reportKindFromName(const QString &name) {
    if (name == u"proposal") return ReportKind::Proposal;
    if (name == u"underwriter") return ReportKind::Underwriter;
    return std::nullopt;
}

std::optional<ReportFormat> reportFormatFromName(const QString &name) {
    if (name == u"pdf") return ReportFormat::Pdf;
    if (name == u"html") return ReportFormat::Html;
    if (name == u"csv") return ReportFormat::Csv;
    if (name == u"json") return ReportFormat::Json;
    return std::nullopt;
}

QString reportFormatSuffix(ReportFormat format) {
    switch (format) {
    case ReportFormat::Pdf:
        return QStringLiteral("pdf");
    case ReportFormat::Html:
        return QStringLiteral("html");
    case ReportFormat::Csv:
        return QStringLiteral("csv");
    case ReportFormat::Json:
        return QStringLiteral("json");
    }
    return {};
}

AgencyInfo AgencyInfo::fromSettings() {
    QSettings s;
    s.beginGroup(QStringLiteral("agency"));
    AgencyInfo a;
    a.name = s.value(QStringLiteral("name")).toString();
    a.agent = s.value(QStringLiteral("agent")).toString();
    a.contact = s.value(QStringLiteral("contact")).toString();
    a.logoFile = s.value(QStringLiteral("logo")).toString();
    return a;
}

void AgencyInfo::saveToSettings() const {
    QSettings s;
    s.beginGroup(QStringLiteral("agency"));
    s.setValue(QStringLiteral("name"), name);
    s.setValue(QStringLiteral("agent"), agent);
    s.setValue(QStringLiteral("contact"), contact);
    s.setValue(QStringLiteral("logo"), logoFile);
}

ReportPreparation prepareReport(const JsonValue &caseRoot, const EngineOptions &options) {
    ReportPreparation out;
    EngineRun r = runEngine(caseRoot, options);
    out.problems = std::move(r.problems);
    if (!r.run) return out;
    ReportInputs in;
    in.caseRoot = caseRoot;
    in.run = std::move(*r.run);
    in.clock = options.now.toUTC();
    in.profile = options.profile ? options.profile : &defaultProfile();
    const QString caseBucket = caseRoot[u"input"][u"appetite_bucket"].toString();
    in.appetite = !options.appetite.isEmpty()         ? options.appetite
                  : in.profile->hasBucket(caseBucket) ? caseBucket
                                                      : in.profile->defaultBucket;
    in.customWeights = options.customWeights.has_value();
    in.weights = in.customWeights ? *options.customWeights : in.profile->weights.at(in.appetite);
    in.top = options.top;
    in.inputHash = caseInputHash(caseRoot);
    out.inputs = std::move(in);
    return out;
}

QString profileHash(const EngineProfile &profile) {
    return sha256Hex(writeJson(profile.source, -1));
}

QStringList profileDifferences(const EngineProfile &profile) {
    QStringList out;
    diffInto(defaultProfile().source, profile.source, QString(), out);
    return out;
}

} // namespace pw

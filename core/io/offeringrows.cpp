// SPDX-License-Identifier: MIT
#include "offeringrows.h"

#include "engine/profile.h"
#include "io/offeringcolumns.h"
#include "io/offeringimport.h"
#include "io/offeringplausibility.h"
#include "io/problem.h"
#include "io/validation.h"

#include <QDateTime>

namespace pw {

// Fills ids and carrier ids, checks that the offering names what ranking needs, and orders its members.
// `failedPaths`: fields whose cell had an error already reported, so not reported again as missing.
void finishOffering(ImportedRow &row, IdAllocator &ids, int idColumn, const QSet<QString> &failedPaths) {
    JsonValue &o = row.offering;
    const QString name = o[u"provider_name"].toString().trimmed();
    QString pid = o[u"provider_id"].toString().trimmed();
    if (pid.isEmpty() && !name.isEmpty()) {
        pid = providerIdForName(name);
        o.insert(QStringLiteral("provider_id"), JsonValue(pid));
    }
    if (pid.isEmpty() && name.isEmpty() && !failedPaths.contains(QStringLiteral("provider_name")) &&
        !failedPaths.contains(QStringLiteral("provider_id")))
        row.issues.push_back(
            {row.row, -1, QString(), QStringLiteral("no carrier: the row names no Carrier"), true});
    const QString line = o[u"category"].toString();
    if (line.isEmpty() && !failedPaths.contains(QStringLiteral("category")))
        row.issues.push_back({row.row, -1, QString(),
                              QStringLiteral("no line: the row names no Line (home, auto or umbrella)"),
                              true});
    const JsonValue &attrs = o[u"attributes"];
    if (attrs[u"line_premium_annual"].isNull() && attrs[u"line_premium"].isNull() &&
        !failedPaths.contains(QStringLiteral("attributes.line_premium_annual")) &&
        !failedPaths.contains(QStringLiteral("attributes.line_premium")))
        row.issues.push_back(
            {row.row, -1, QString(), QStringLiteral("no premium: the row states no Premium"), true});
    const JsonValue &idValue = o[u"id"];
    const QString id = idValue.toString().trimmed();
    if (idValue.isNull() || (idValue.isString() && id.isEmpty())) {
        o.insert(QStringLiteral("id"), JsonValue(ids.numbered(offeringIdBase(pid, line))));
    } else if (idValue.isString()) {
        const QString fresh = ids.claim(id);
        if (fresh != id) {
            o.insert(QStringLiteral("id"), JsonValue(fresh));
            row.issues.push_back(
                {row.row, idColumn, QStringLiteral("id"),
                 QStringLiteral("id \"%1\" is already used; imported as \"%2\"").arg(excerpt(id, 60), fresh),
                 false});
        }
    }
    // Members in the order case files write them; anything else after.
    static const QStringList order = {QStringLiteral("id"),
                                      QStringLiteral("provider_id"),
                                      QStringLiteral("provider_name"),
                                      QStringLiteral("category"),
                                      QStringLiteral("quality_rating"),
                                      QStringLiteral("quality_rating_agency"),
                                      QStringLiteral("pricing_tier"),
                                      QStringLiteral("commission"),
                                      QStringLiteral("constraints"),
                                      QStringLiteral("coverage"),
                                      QStringLiteral("attributes")};
    JsonValue ordered = JsonValue::object();
    for (const QString &k : order)
        if (const JsonValue *v = o.find(k)) ordered.appendMember(k, *v);
    for (const auto &m : o.objectMembers())
        if (!order.contains(m.first)) ordered.appendMember(m.first, m.second);
    o = ordered;
}

// Refuses implausible amounts (io/offeringplausibility.h), then validates the accepted offerings as a
// case holding them would be validated, and turns every error there into an error of its row, at the
// column that wrote the value: an import never hands on a value that `validate` or `rank` would then
// refuse.
void refuseUnsoundOfferings(std::vector<ImportedRow> &rows, const std::vector<WrittenPaths> &written,
                            const QStringList &headers) {
    // The column that wrote a path or the object it sits in; -1 when no column did (JSON, a generated id).
    auto columnOf = [&](size_t row, const QString &field) {
        int column = -1;
        if (row < written.size())
            for (const auto &[path, col] : written[row])
                if (field == path || field.startsWith(path + u'.') || path.startsWith(field + u'.'))
                    column = col;
        return column;
    };
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].accepted()) continue;
        for (const ImplausibleValue &p : implausibleValues(rows[i].offering)) {
            const int column = columnOf(i, p.path);
            if (column >= 0)
                rows[i].issues.push_back(
                    {rows[i].row, column, headers.value(column).trimmed(), p.message, true});
            else
                rows[i].issues.push_back(
                    {rows[i].row, -1, QString(), QStringLiteral("%1: %2").arg(p.path, p.message), true});
        }
    }
    JsonValue offerings = JsonValue::array();
    std::vector<size_t> rowOf;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].accepted()) continue;
        offerings.append(rows[i].offering);
        rowOf.push_back(i);
    }
    if (rowOf.empty()) return;
    JsonValue input = JsonValue::object();
    input.insert(QStringLiteral("coverage_types"),
                 JsonValue(JsonValue::Array{JsonValue("home"), JsonValue("auto"), JsonValue("umbrella")}));
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), offerings);
    const ValidationResult v = validateCase(root, QDateTime::currentDateTimeUtc(), defaultProfile());
    for (const Problem &p : v.problems) {
        if (!p.isError() || !p.path.startsWith(QStringLiteral("offerings["))) continue;
        const qsizetype close = p.path.indexOf(u']');
        bool ok = false;
        const int k = p.path.mid(10, close - 10).toInt(&ok);
        if (!ok || k < 0 || size_t(k) >= rowOf.size()) continue;
        ImportedRow &row = rows[rowOf[size_t(k)]];
        const QString field = p.path.mid(close + 2); // after "]."
        const int column = columnOf(rowOf[size_t(k)], field);
        if (column >= 0)
            row.issues.push_back({row.row, column, headers.value(column).trimmed(),
                                  QStringLiteral("%1 (%2)").arg(p.message, field), true});
        else
            row.issues.push_back({row.row, -1, QString(),
                                  QStringLiteral("%1: %2").arg(
                                      field.isEmpty() ? QStringLiteral("offering") : field, p.message),
                                  true});
    }
}

} // namespace pw

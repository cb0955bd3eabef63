// SPDX-License-Identifier: MIT
#include "offeringimport.h"

#include "io/casefile.h"
#include "io/jsonpath.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <optional>

namespace pw {

QString ImportIssue::toString() const {
    QString where;
    if (row > 0) where = QStringLiteral("row %1").arg(row);
    if (column >= 0) {
        if (!where.isEmpty()) where += QStringLiteral(", ");
        where += QStringLiteral("column %1").arg(columnLetter(column));
        if (!columnName.isEmpty()) where += QStringLiteral(" (%1)").arg(columnName);
    }
    const QString sev = error ? QString() : QStringLiteral("warning: ");
    if (where.isEmpty()) return sev + message;
    return where + QStringLiteral(": ") + sev + message;
}

bool ImportedRow::accepted() const {
    for (const auto &i : issues)
        if (i.error) return false;
    return true;
}

int OfferingImport::acceptedCount() const {
    int n = 0;
    for (const auto &r : rows)
        n += r.accepted() ? 1 : 0;
    return n;
}

JsonValue OfferingImport::acceptedOfferings() const {
    JsonValue arr = JsonValue::array();
    for (const auto &r : rows)
        if (r.accepted()) arr.append(r.offering);
    return arr;
}

std::vector<ImportIssue> OfferingImport::allIssues() const {
    std::vector<ImportIssue> out = fileIssues;
    for (const auto &r : rows)
        out.insert(out.end(), r.issues.begin(), r.issues.end());
    return out;
}

QString columnLetter(int column) {
    QString s;
    int c = column + 1;
    while (c > 0) {
        const int rem = (c - 1) % 26;
        s.prepend(QChar(u'A' + rem));
        c = (c - 1) / 26;
    }
    return s;
}

std::vector<QStringList> parseDelimitedText(const QString &text, QChar delimiter,
                                            std::vector<int> *rowNumbers) {
    std::vector<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    int line = 1;
    int recordStartLine = 1;
    auto endRecord = [&] {
        record.append(field);
        field.clear();
        bool blank = record.size() == 1 && record.first().trimmed().isEmpty() && !fieldStarted;
        if (!blank) {
            records.push_back(record);
            if (rowNumbers) rowNumbers->push_back(recordStartLine);
        }
        record.clear();
        fieldStarted = false;
    };
    const int n = int(text.size());
    int i = 0;
    if (n > 0 && text[0] == QChar(0xFEFF)) i = 1;
    for (; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear();
            inQuotes = true;
            fieldStarted = true;
        } else if (c == delimiter) {
            record.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r') {
            if (i + 1 < n && text[i + 1] == u'\n') continue;
            endRecord();
            ++line;
            recordStartLine = line;
        } else if (c == u'\n') {
            endRecord();
            ++line;
            recordStartLine = line;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty() || fieldStarted) endRecord();
    return records;
}

QChar guessDelimiter(const QString &text) {
    const QString first = text.section(u'\n', 0, 0);
    if (first.contains(u'\t')) return u'\t';
    if (first.contains(u';') && !first.contains(u',')) return u';';
    return u',';
}

namespace {

enum class Kind {
    Text,
    Line,
    Grade,
    Tier,
    Fraction,
    Money,
    MoneyOrPercent,
    MoneyOrNone,
    SplitOrMoney,
    Number,
    Timestamp,
    ExpiryDate,
    StringArray,
    Bool,
    Settlement,
    Auto
};

struct ColumnSpec {
    QString path; // empty: ignored column
    Kind kind = Kind::Auto;
    bool friendly = false;
    bool percentHeader = false; // "Commission %": a bare 13 means 13 %
};

struct FriendlyName {
    QStringList names;
    const char *path;
    Kind kind;
    bool percentHeader;
};

const std::vector<FriendlyName> &friendlyNames() {
    static const std::vector<FriendlyName> names = {
        {{QStringLiteral("carrier"), QStringLiteral("company"), QStringLiteral("provider"),
          QStringLiteral("carrier name"), QStringLiteral("insurer")},
         "provider_name",
         Kind::Text,
         false},
        {{QStringLiteral("line"), QStringLiteral("category"), QStringLiteral("lob"),
          QStringLiteral("line of business")},
         "category",
         Kind::Line,
         false},
        {{QStringLiteral("product"), QStringLiteral("product name"), QStringLiteral("program")},
         "coverage.product_name",
         Kind::Text,
         false},
        {{QStringLiteral("premium"), QStringLiteral("annual premium"), QStringLiteral("line premium")},
         "attributes.line_premium_annual",
         Kind::Money,
         false},
        {{QStringLiteral("am best"), QStringLiteral("a.m. best"), QStringLiteral("rating"),
          QStringLiteral("grade"), QStringLiteral("financial rating")},
         "quality_rating",
         Kind::Grade,
         false},
        {{QStringLiteral("tier"), QStringLiteral("pricing tier")}, "pricing_tier", Kind::Tier, false},
        {{QStringLiteral("commission %"), QStringLiteral("commission"), QStringLiteral("comm %"),
          QStringLiteral("commission pct")},
         "commission",
         Kind::Fraction,
         true},
        {{QStringLiteral("package id"), QStringLiteral("package"), QStringLiteral("bundle id")},
         "attributes.package_id",
         Kind::Text,
         false},
        {{QStringLiteral("package premium"), QStringLiteral("bundle premium")},
         "attributes.package_premium_annual",
         Kind::Money,
         false},
        {{QStringLiteral("quote id"), QStringLiteral("quote #"), QStringLiteral("quote number"),
          QStringLiteral("quote")},
         "attributes.quote_id",
         Kind::Text,
         false},
        {{QStringLiteral("expires"), QStringLiteral("expiration"), QStringLiteral("quote expires"),
          QStringLiteral("expiry"), QStringLiteral("expires on")},
         "attributes.quote_expires_at",
         Kind::ExpiryDate,
         false},
    };
    return names;
}

Kind kindForPath(const QString &path) {
    static const QSet<QString> text = {QStringLiteral("id"),
                                       QStringLiteral("provider_id"),
                                       QStringLiteral("provider_name"),
                                       QStringLiteral("quality_rating_agency"),
                                       QStringLiteral("coverage.product_name"),
                                       QStringLiteral("coverage.program_type"),
                                       QStringLiteral("attributes.quote_id"),
                                       QStringLiteral("attributes.package_id"),
                                       QStringLiteral("attributes.rate_type"),
                                       QStringLiteral("coverage.policy_number")};
    static const QSet<QString> money = {QStringLiteral("attributes.line_premium_annual"),
                                        QStringLiteral("attributes.line_premium"),
                                        QStringLiteral("attributes.package_premium_annual"),
                                        QStringLiteral("coverage.dwelling_limit"),
                                        QStringLiteral("coverage.other_structures_limit"),
                                        QStringLiteral("coverage.personal_property_limit"),
                                        QStringLiteral("coverage.loss_of_use_limit"),
                                        QStringLiteral("coverage.liability_limit"),
                                        QStringLiteral("coverage.medical_payments_limit"),
                                        QStringLiteral("coverage.water_backup_limit"),
                                        QStringLiteral("coverage.flood_limit"),
                                        QStringLiteral("coverage.bi_per_accident"),
                                        QStringLiteral("coverage.pd_per_accident"),
                                        QStringLiteral("coverage.limit_combined_single"),
                                        QStringLiteral("coverage.um_per_accident"),
                                        QStringLiteral("coverage.medical_payments"),
                                        QStringLiteral("coverage.pip"),
                                        QStringLiteral("coverage.deductible_default"),
                                        QStringLiteral("coverage.umbrella_limit"),
                                        QStringLiteral("coverage.retained_limit"),
                                        QStringLiteral("coverage.required_underlying.auto_bi_per_person"),
                                        QStringLiteral("coverage.required_underlying.auto_bi_per_accident"),
                                        QStringLiteral("coverage.required_underlying.auto_csl"),
                                        QStringLiteral("coverage.required_underlying.home_liability")};
    static const QSet<QString> number = {
        QStringLiteral("attributes.term_months"), QStringLiteral("attributes.quoted_vehicle_count"),
        QStringLiteral("attributes.service_rating"), QStringLiteral("coverage.extended_replacement_pct")};
    if (text.contains(path)) return Kind::Text;
    if (money.contains(path)) return Kind::Money;
    if (number.contains(path)) return Kind::Number;
    if (path == u"category") return Kind::Line;
    if (path == u"quality_rating") return Kind::Grade;
    if (path == u"pricing_tier") return Kind::Tier;
    if (path == u"commission") return Kind::Fraction;
    if (path == u"coverage.deductible" || path == u"coverage.wind_hail_deductible")
        return Kind::MoneyOrPercent;
    if (path == u"coverage.collision_deductible" || path == u"coverage.comprehensive_deductible")
        return Kind::MoneyOrNone;
    if (path == u"coverage.bi_per_person" || path == u"coverage.um_per_person") return Kind::SplitOrMoney;
    if (path == u"attributes.quote_expires_at" || path == u"attributes.quote_generated_at")
        return Kind::Timestamp;
    if (path.startsWith(u"constraints.") || path == u"coverage.endorsements") return Kind::StringArray;
    if (path == u"attributes.bindable") return Kind::Bool;
    if (path == u"coverage.settlement") return Kind::Settlement;
    return Kind::Auto;
}

bool isKnownPath(const QString &path) {
    return kindForPath(path) != Kind::Auto;
}

std::optional<ColumnSpec> specForHeader(const QString &header) {
    const QString h = header.trimmed().toLower();
    const QString squeezed = h.simplified();
    static const QRegularExpression pathRe(QStringLiteral("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*$"));
    const QString p = header.trimmed();
    if (pathRe.match(p).hasMatch() && (isKnownPath(p) || p.contains(u'.')))
        return ColumnSpec{p, kindForPath(p), false, false};
    for (const auto &f : friendlyNames())
        if (f.names.contains(squeezed))
            return ColumnSpec{QString::fromLatin1(f.path), f.kind, true, f.percentHeader};
    if (pathRe.match(p).hasMatch()) return ColumnSpec{p, kindForPath(p), false, false};
    return std::nullopt;
}

QString slug(const QString &s) {
    QString out;
    bool underscore = false;
    for (const QChar c : s.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c;
            underscore = false;
        } else if (!underscore && !out.isEmpty()) {
            out += u'_';
            underscore = true;
        }
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("carrier") : out;
}

// One cell into a JSON value; returns nullopt and sets `error` when the text cannot be read.
std::optional<JsonValue> convertCell(const QString &raw, const ColumnSpec &spec, QString *error,
                                     QString *warning) {
    const QString t = raw.trimmed();
    auto money = [&](bool allowZero) -> std::optional<JsonValue> {
        bool pct = false;
        const auto v = parseLooseNumber(t, &pct);
        if (!v || pct) {
            *error = QStringLiteral("\"%1\" is not an amount").arg(t.left(40));
            return std::nullopt;
        }
        if (*v < 0 || (!allowZero && *v == 0 && spec.path.endsWith(u"premium_annual"))) {
            *error = QStringLiteral("%1 is not a usable amount (it must be above zero)").arg(t.left(40));
            return std::nullopt;
        }
        return JsonValue(*v);
    };
    switch (spec.kind) {
    case Kind::Text:
    case Kind::Grade:
        return JsonValue(t);
    case Kind::Line: {
        const QString l = t.toLower();
        if (l != u"home" && l != u"auto" && l != u"umbrella")
            *warning =
                QStringLiteral("line \"%1\" is not home, auto or umbrella; the engine will ignore this "
                               "offering unless the case requests it")
                    .arg(t.left(40));
        return JsonValue(l);
    }
    case Kind::Tier:
        return JsonValue(t.toLower());
    case Kind::Fraction: {
        bool pct = false;
        auto v = parseLooseNumber(t, &pct);
        if (!v) {
            *error = QStringLiteral("\"%1\" is not a percentage").arg(t.left(40));
            return std::nullopt;
        }
        if (!pct && spec.percentHeader && *v > 1) *v /= 100.0;
        if (*v < 0 || *v > 1) {
            *error = QStringLiteral("commission %1 is outside 0–100 %").arg(t.left(40));
            return std::nullopt;
        }
        return JsonValue(roundHalfAway(*v, 6));
    }
    case Kind::Money:
        return money(true);
    case Kind::MoneyOrPercent: {
        bool pct = false;
        const auto v = parseLooseNumber(t, &pct);
        if (!v || *v < 0) {
            *error = QStringLiteral("\"%1\" is neither an amount nor a percentage").arg(t.left(40));
            return std::nullopt;
        }
        if (pct)
            return JsonValue(
                QString(formatNumber(*v * 100, 2)).remove(QRegularExpression(QStringLiteral("\\.?0+$"))) +
                QStringLiteral("%"));
        return JsonValue(*v);
    }
    case Kind::MoneyOrNone:
        if (t.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
            return JsonValue(QStringLiteral("none"));
        return money(true);
    case Kind::SplitOrMoney:
        if (t.contains(u'/')) return JsonValue(t);
        return money(true);
    case Kind::Number: {
        const auto v = parseLooseNumber(t);
        if (!v) {
            *error = QStringLiteral("\"%1\" is not a number").arg(t.left(40));
            return std::nullopt;
        }
        return JsonValue(*v);
    }
    case Kind::ExpiryDate:
    case Kind::Timestamp: {
        static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (dateOnly.match(t).hasMatch() && parseDate(t)) {
            // An agent's "expires 2027-01-15" means through that day; a bare date would read as midnight.
            if (spec.kind == Kind::ExpiryDate || spec.path.endsWith(u"expires_at"))
                return JsonValue(t + QStringLiteral("T23:59:59Z"));
            return JsonValue(t);
        }
        if (!parseTimestamp(t)) {
            *error = QStringLiteral("\"%1\" is not a date (write YYYY-MM-DD)").arg(t.left(40));
            return std::nullopt;
        }
        return JsonValue(t);
    }
    case Kind::StringArray: {
        JsonValue arr = JsonValue::array();
        const QStringList parts = t.split(QRegularExpression(QStringLiteral("[;|]")), Qt::SkipEmptyParts);
        for (const QString &p : parts)
            if (!p.trimmed().isEmpty()) arr.append(JsonValue(p.trimmed()));
        return arr;
    }
    case Kind::Bool: {
        const QString l = t.toLower();
        if (l == u"true" || l == u"yes" || l == u"y" || l == u"1") return JsonValue(true);
        if (l == u"false" || l == u"no" || l == u"n" || l == u"0") return JsonValue(false);
        *error = QStringLiteral("\"%1\" is not yes or no").arg(t.left(40));
        return std::nullopt;
    }
    case Kind::Settlement: {
        QString l = t.toLower().replace(u' ', u'_');
        static const QStringList ok = {
            QStringLiteral("actual_cash_value"), QStringLiteral("replacement_cost"),
            QStringLiteral("extended_replacement_cost"), QStringLiteral("guaranteed_replacement_cost")};
        if (l == u"acv") l = ok[0];
        if (!ok.contains(l)) {
            *error = QStringLiteral("settlement \"%1\" is not one of %2")
                         .arg(t.left(40), ok.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        return JsonValue(l);
    }
    case Kind::Auto: {
        static const QRegularExpression num(QStringLiteral("^-?(0|[1-9]\\d*)(\\.\\d+)?$"));
        if (num.match(t).hasMatch()) return JsonValue(t.toDouble());
        if (t == u"true" || t == u"false") return JsonValue(t == u"true");
        return JsonValue(t);
    }
    }
    return JsonValue(t);
}

const std::vector<ColumnSpec> &defaultFriendlyColumns() {
    static const std::vector<ColumnSpec> cols = [] {
        std::vector<ColumnSpec> c;
        for (const auto &f : friendlyNames())
            c.push_back({QString::fromLatin1(f.path), f.kind, true, f.percentHeader});
        return c;
    }();
    return cols;
}

QString uniqueId(const QString &base, QSet<QString> &taken) {
    if (!taken.contains(base)) {
        taken.insert(base);
        return base;
    }
    for (int n = 2;; ++n) {
        const QString candidate = base + QStringLiteral("_%1").arg(n);
        if (!taken.contains(candidate)) {
            taken.insert(candidate);
            return candidate;
        }
    }
}

// Fills ids and carrier ids, then checks that the offering can take part in ranking.
void finishOffering(ImportedRow &row, QSet<QString> &taken, int idColumn) {
    JsonValue &o = row.offering;
    const QString name = o[u"provider_name"].toString().trimmed();
    QString pid = o[u"provider_id"].toString().trimmed();
    if (pid.isEmpty() && !name.isEmpty()) {
        pid = providerIdForName(name);
        o.insert(QStringLiteral("provider_id"), JsonValue(pid));
    }
    if (pid.isEmpty() && name.isEmpty())
        row.issues.push_back(
            {row.row, -1, QString(), QStringLiteral("no carrier: the row names no Carrier"), true});
    const QString line = o[u"category"].toString();
    if (line.isEmpty())
        row.issues.push_back({row.row, -1, QString(),
                              QStringLiteral("no line: the row names no Line (home, auto or umbrella)"),
                              true});
    const JsonValue &attrs = o[u"attributes"];
    if (attrs[u"line_premium_annual"].isNull() && attrs[u"line_premium"].isNull()) {
        bool reported = false;
        for (const auto &i : row.issues)
            reported = reported || i.columnName.contains(QStringLiteral("remium"));
        if (!reported)
            row.issues.push_back(
                {row.row, -1, QString(), QStringLiteral("no premium: the row states no Premium"), true});
    }
    const QString id = o[u"id"].toString().trimmed();
    if (id.isEmpty()) {
        const QString carrierPart = pid.startsWith(QStringLiteral("prov_")) ? pid.mid(5) : slug(pid);
        const QString base = QStringLiteral("quote_line_%1_%2")
                                 .arg(carrierPart, line.isEmpty() ? QStringLiteral("line") : line);
        QString candidate;
        for (int n = 1;; ++n) {
            candidate = base + QStringLiteral("_%1").arg(n, 3, 10, QLatin1Char('0'));
            if (!taken.contains(candidate)) break;
        }
        taken.insert(candidate);
        o.insert(QStringLiteral("id"), JsonValue(candidate));
    } else if (taken.contains(id)) {
        const QString fresh = uniqueId(id, taken);
        o.insert(QStringLiteral("id"), JsonValue(fresh));
        row.issues.push_back(
            {row.row, idColumn, QStringLiteral("id"),
             QStringLiteral("id \"%1\" is already used; imported as \"%2\"").arg(id.left(60), fresh), false});
    } else {
        taken.insert(id);
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
        if (const JsonValue *v = o.find(k)) ordered.insert(k, *v);
    for (const auto &m : o.objectMembers())
        if (!order.contains(m.first)) ordered.insert(m.first, m.second);
    o = ordered;
}

} // namespace

QStringList offeringIds(const JsonValue &caseRoot) {
    QStringList ids;
    for (const auto &o : caseRoot[u"offerings"].arrayItems())
        ids.append(o[u"id"].toString());
    return ids;
}

QString providerIdForName(const QString &name, const JsonValue &caseRoot) {
    const QString wanted = name.simplified();
    if (wanted.isEmpty()) return QString();
    for (const auto &o : caseRoot[u"offerings"].arrayItems()) {
        const QString id = o[u"provider_id"].toString().trimmed();
        if (!id.isEmpty() &&
            o[u"provider_name"].toString().simplified().compare(wanted, Qt::CaseInsensitive) == 0)
            return id;
    }
    return QStringLiteral("prov_") + slug(wanted);
}

void adoptCaseCarrierIds(JsonValue &offerings, const JsonValue &caseRoot) {
    if (!offerings.isArray()) return;
    for (JsonValue &o : offerings.arrayItemsMut()) {
        const QString name = o[u"provider_name"].toString();
        if (name.trimmed().isEmpty() || o[u"provider_id"].toString() != providerIdForName(name)) continue;
        o.insert(QStringLiteral("provider_id"), JsonValue(providerIdForName(name, caseRoot)));
    }
}

OfferingImport importOfferingTable(const QString &text, const QStringList &existingIds, QChar delimiter) {
    OfferingImport result;
    if (delimiter.isNull()) delimiter = guessDelimiter(text);
    std::vector<int> rowNumbers;
    const auto records = parseDelimitedText(text, delimiter, &rowNumbers);
    if (records.empty()) {
        result.fatal = true;
        result.fileIssues.push_back({0, -1, QString(), QStringLiteral("the table has no rows"), true});
        return result;
    }
    // Header: recognised when at least two cells name known columns.
    std::vector<std::optional<ColumnSpec>> specs;
    int known = 0;
    bool anyFriendly = false, anyPath = false;
    for (const QString &h : records.front()) {
        auto s = specForHeader(h);
        if (s && (s->friendly || isKnownPath(s->path) || s->path.contains(u'.'))) {
            ++known;
            anyFriendly = anyFriendly || s->friendly;
            anyPath = anyPath || !s->friendly;
        }
        specs.push_back(s);
    }
    size_t firstData = 0;
    int idColumn = -1;
    if (known >= 2) {
        firstData = 1;
        result.headers = records.front();
        result.headerKind = anyFriendly && anyPath ? OfferingImport::HeaderKind::Mixed
                            : anyFriendly          ? OfferingImport::HeaderKind::Friendly
                                                   : OfferingImport::HeaderKind::JsonPaths;
        for (int c = 0; c < int(specs.size()); ++c) {
            if (!specs[size_t(c)] && !records.front()[c].trimmed().isEmpty())
                result.fileIssues.push_back({rowNumbers.front(), c, records.front()[c].trimmed(),
                                             QStringLiteral("unknown column; its values are not imported"),
                                             false});
            if (specs[size_t(c)] && specs[size_t(c)]->path == u"id") idColumn = c;
        }
    } else {
        specs.clear();
        for (const auto &s : defaultFriendlyColumns())
            specs.push_back(s);
        for (const auto &f : friendlyNames())
            result.headers.append(f.names.first());
        result.headerKind = OfferingImport::HeaderKind::None;
    }

    QSet<QString> taken(existingIds.begin(), existingIds.end());
    for (size_t r = firstData; r < records.size(); ++r) {
        const QStringList &cells = records[r];
        bool allBlank = true;
        for (const QString &c : cells)
            allBlank = allBlank && c.trimmed().isEmpty();
        if (allBlank) continue;
        ImportedRow row;
        row.row = rowNumbers[r];
        row.offering = JsonValue::object();
        for (int c = 0; c < int(cells.size()); ++c) {
            const QString colName = c < int(result.headers.size()) ? result.headers[c].trimmed() : QString();
            if (c >= int(specs.size()) || !specs[size_t(c)]) {
                if (c >= int(specs.size()) && !cells[c].trimmed().isEmpty())
                    row.issues.push_back({row.row, c, colName,
                                          QStringLiteral("value beyond the last column is ignored"), false});
                continue;
            }
            if (cells[c].trimmed().isEmpty()) continue;
            QString error, warning;
            const auto v = convertCell(cells[c], *specs[size_t(c)], &error, &warning);
            if (!warning.isEmpty()) row.issues.push_back({row.row, c, colName, warning, false});
            if (!v) {
                row.issues.push_back({row.row, c, colName, error, true});
                continue;
            }
            if (!setJsonValueAt(row.offering, specs[size_t(c)]->path, *v))
                row.issues.push_back(
                    {row.row, c, colName,
                     QStringLiteral("cannot place the value at %1").arg(specs[size_t(c)]->path), true});
        }
        finishOffering(row, taken, idColumn);
        result.rows.push_back(std::move(row));
    }
    if (result.rows.empty())
        result.fileIssues.push_back(
            {0, -1, QString(), QStringLiteral("the table has a header but no data rows"), true});
    return result;
}

OfferingImport importOfferingJson(const QByteArray &bytes, const QStringList &existingIds) {
    OfferingImport result;
    result.headerKind = OfferingImport::HeaderKind::JsonPaths;
    JsonParseError err;
    const auto root = parseJson(bytes, &err);
    if (!root) {
        result.fatal = true;
        result.fileIssues.push_back(
            {0, -1, QString(), QStringLiteral("not valid JSON: %1").arg(err.toString()), true});
        return result;
    }
    JsonValue list;
    if (root->isArray())
        list = *root;
    else if (root->isObject() && (*root)[u"offerings"].isArray())
        list = (*root)[u"offerings"];
    else if (root->isObject() && root->contains(u"category"))
        list = JsonValue(JsonValue::Array{*root});
    else {
        result.fatal = true;
        result.fileIssues.push_back(
            {0, -1, QString(),
             QStringLiteral("no offerings found: expected an array or an object with \"offerings\""), true});
        return result;
    }
    QSet<QString> taken(existingIds.begin(), existingIds.end());
    int n = 0;
    for (const auto &item : list.arrayItems()) {
        ++n;
        ImportedRow row;
        row.row = n; // the n-th offering of the file
        if (!item.isObject()) {
            row.offering = JsonValue::object();
            row.issues.push_back(
                {n, -1, QString(),
                 QStringLiteral("offering %1 is a %2, not an object").arg(n).arg(item.typeName()), true});
            result.rows.push_back(std::move(row));
            continue;
        }
        row.offering = item;
        const JsonValue prem = item[u"attributes"][u"line_premium_annual"];
        if (!prem.isNull() && (!prem.isNumber() || prem.toDouble() < 0))
            row.issues.push_back({n, -1, QStringLiteral("attributes.line_premium_annual"),
                                  QStringLiteral("premium %1 is not an amount")
                                      .arg(QString::fromUtf8(writeJson(prem, -1)).left(40)),
                                  true});
        finishOffering(row, taken, -1);
        result.rows.push_back(std::move(row));
    }
    return result;
}

OfferingImport importOfferingBytes(const QByteArray &bytes, const QStringList &existingIds) {
    for (const char c : bytes) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '[' || c == '{') return importOfferingJson(bytes, existingIds);
        break;
    }
    return importOfferingTable(QString::fromUtf8(bytes), existingIds);
}

OfferingImport importOfferingFile(const QString &fileName, const QStringList &existingIds) {
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        OfferingImport r;
        r.fatal = true;
        r.fileIssues.push_back(
            {0, -1, QString(), QStringLiteral("cannot read %1: %2").arg(fileName, f.errorString()), true});
        return r;
    }
    if (f.size() > 64ll * 1024 * 1024) {
        OfferingImport r;
        r.fatal = true;
        r.fileIssues.push_back(
            {0, -1, QString(), QStringLiteral("%1 is larger than 64 MB").arg(fileName), true});
        return r;
    }
    return importOfferingBytes(f.readAll(), existingIds);
}

} // namespace pw

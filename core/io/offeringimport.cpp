// SPDX-License-Identifier: MIT
#include "offeringimport.h"

#include "engine/profile.h"
#include "io/jsonpath.h"
#include "io/offeringcolumns.h"
#include "io/problem.h"
#include "io/validation.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QSet>

#include <map>
#include <optional>

namespace pw {

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

QStringList offeringIds(const JsonValue &caseRoot) {
    QStringList ids;
    for (const auto &o : caseRoot[u"offerings"].arrayItems())
        ids.append(o[u"id"].toString());
    return ids;
}

namespace {

// Hands out offering ids in time linear in the rows: each base remembers the number it stopped at, so
// 100,000 rows of one carrier and line do not probe _001, _002, … again for every row.
class IdAllocator {
public:
    explicit IdAllocator(const QStringList &existing)
        : m_taken(existing.begin(), existing.end()) {}

    // base_001, base_002, …: the next number after the last one handed out that no existing id uses.
    QString numbered(const QString &base) {
        int &next = m_next[base];
        for (next = std::max(next, 1);; ++next) {
            QString candidate = base + QStringLiteral("_%1").arg(next, 3, 10, QLatin1Char('0'));
            if (!m_taken.contains(candidate)) {
                m_taken.insert(candidate);
                ++next;
                return candidate;
            }
        }
    }

    // The id itself when free, else id_2, id_3, …
    QString claim(const QString &id) {
        if (!m_taken.contains(id)) {
            m_taken.insert(id);
            return id;
        }
        int &next = m_next[id + u'#'];
        for (next = std::max(next, 2);; ++next) {
            QString candidate = id + QStringLiteral("_%1").arg(next);
            if (!m_taken.contains(candidate)) {
                m_taken.insert(candidate);
                ++next;
                return candidate;
            }
        }
    }

private:
    QSet<QString> m_taken;
    QHash<QString, int> m_next;
};

// Fills ids and carrier ids, checks that the offering names what ranking needs, and orders its members.
// `failedPaths`: fields whose cell had an error already reported, so not reported again as missing.
void finishOffering(ImportedRow &row, IdAllocator &ids, int idColumn, const QSet<QString> &failedPaths = {}) {
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

// The paths each row's cells wrote, and the column of each, to name the column of a validation error.
using WrittenPaths = std::map<QString, int>;

// Validates the accepted offerings as a case holding them would be validated, and turns every error
// there into an error of its row, at the column that wrote the value: an import never hands on a value
// that `validate` or `rank` would then refuse.
void refuseWhatValidationRefuses(std::vector<ImportedRow> &rows, const std::vector<WrittenPaths> &written,
                                 const QStringList &headers) {
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
        int column = -1;
        if (rowOf[size_t(k)] < written.size()) {
            const WrittenPaths &w = written[rowOf[size_t(k)]];
            // The column that wrote this path or the object it sits in.
            for (const auto &[path, col] : w)
                if (field == path || field.startsWith(path + u'.') || path.startsWith(field + u'.'))
                    column = col;
        }
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

OfferingImport refusedFile(ImportIssue issue, bool unreadable) {
    OfferingImport r;
    r.fatal = true;
    r.unreadable = unreadable;
    r.fileIssues.push_back(std::move(issue));
    return r;
}

// How each percent column writes plain numbers ("Commission %": 12,5 or 0.125), decided per column.
PercentScale percentScale(const std::vector<QStringList> &records, const std::vector<int> &rowNumbers,
                          size_t firstData, int column, DecimalMark mark, bool *anyPlain) {
    PercentScale s;
    for (size_t r = firstData; r < records.size(); ++r) {
        if (column >= records[r].size()) continue;
        const QString t = records[r][column].trimmed();
        if (t.isEmpty() || t.endsWith(u'%')) continue;
        const auto v = parseNumberText(t, mark);
        if (!v) continue;
        *anyPlain = true;
        if (*v > 1) {
            s.points = true;
            s.witness = QStringLiteral("%1 in row %2").arg(excerpt(t, 20)).arg(rowNumbers[r]);
            return s;
        }
    }
    return s;
}

} // namespace

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

namespace {
// The spelling of the first offering of the case with this carrier name, if any.
std::optional<QString> knownCarrierName(const QString &wanted, const JsonValue &caseRoot) {
    if (wanted.isEmpty()) return std::nullopt;
    for (const auto &o : caseRoot[u"offerings"].arrayItems()) {
        const QString known = o[u"provider_name"].toString().simplified();
        if (known.compare(wanted, Qt::CaseInsensitive) == 0) return known;
    }
    return std::nullopt;
}
} // namespace

QString caseCarrierName(const QString &name, const JsonValue &caseRoot) {
    const QString wanted = name.simplified();
    return knownCarrierName(wanted, caseRoot).value_or(wanted);
}

void adoptCaseCarrierIds(JsonValue &offerings, const JsonValue &caseRoot) {
    if (!offerings.isArray()) return;
    // Carriers by name as providerIdForName and caseCarrierName compare names: the case's first, then
    // each new name of the import in row order (so "LIBERTY" and "liberty" in one paste are one spelling).
    struct Known {
        QString id, name;
    };
    QHash<QString, Known> known;
    auto remember = [&](const JsonValue &o) {
        const QString name = o[u"provider_name"].toString().simplified();
        if (name.isEmpty()) return;
        Known &k = known[name.toCaseFolded()];
        if (k.name.isEmpty()) k.name = name;
        if (k.id.isEmpty()) k.id = o[u"provider_id"].toString().trimmed();
    };
    for (const auto &o : caseRoot[u"offerings"].arrayItems())
        remember(o);
    QStringList taken = offeringIds(caseRoot);
    for (const auto &o : offerings.arrayItems())
        taken << o[u"id"].toString();
    std::optional<IdAllocator> ids; // made when a first id is re-keyed
    for (JsonValue &o : offerings.arrayItemsMut()) {
        const QString name = o[u"provider_name"].toString();
        const QString pid = o[u"provider_id"].toString();
        if (!name.trimmed().isEmpty() && pid == providerIdForName(name)) {
            const auto it = known.constFind(name.simplified().toCaseFolded());
            if (it != known.cend()) {
                const QString line = o[u"category"].toString();
                if (!it->id.isEmpty() && it->id != pid) {
                    o.insert(QStringLiteral("provider_id"), JsonValue(it->id));
                    // An id generated from the name's own carrier id follows the case's carrier id, as
                    // a row typed in the window is keyed.
                    if (isGeneratedOfferingId(o[u"id"].toString(), offeringIdBase(pid, line))) {
                        if (!ids) ids.emplace(taken);
                        o.insert(QStringLiteral("id"),
                                 JsonValue(ids->numbered(offeringIdBase(it->id, line))));
                    }
                }
                o.insert(QStringLiteral("provider_name"), JsonValue(it->name));
            }
        }
        remember(o);
    }
}

QString offeringIdBase(const QString &providerId, const QString &line) {
    const QString pid = providerId.trimmed();
    const QString carrierPart = pid.isEmpty()                             ? QStringLiteral("new")
                                : pid.startsWith(QStringLiteral("prov_")) ? pid.mid(5)
                                                                          : slug(pid);
    return QStringLiteral("quote_line_%1_%2")
        .arg(carrierPart, line.isEmpty() ? QStringLiteral("line") : line);
}

QString nextOfferingId(const QString &base, const QStringList &taken) {
    return IdAllocator(taken).numbered(base);
}

bool isGeneratedOfferingId(const QString &id, const QString &base) {
    if (!id.startsWith(base + u'_') || id.size() < base.size() + 4) return false;
    for (qsizetype i = base.size() + 1; i < id.size(); ++i)
        if (!id.at(i).isDigit()) return false;
    return true;
}

OfferingImport importOfferingTable(const QString &text, const QStringList &existingIds, QChar delimiter) {
    OfferingImport result;
    const TableRecords table = readTableRecords(text, delimiter);
    result.notes << table.notes;
    if (table.error) {
        OfferingImport r = refusedFile(*table.error, true);
        r.notes = result.notes;
        return r;
    }
    const std::vector<QStringList> &records = table.split.records;
    const std::vector<int> &rowNumbers = table.split.rows;
    auto refuse = [&](ImportIssue issue) {
        result.fatal = true;
        result.rows.clear();
        result.fileIssues.push_back(std::move(issue));
        return result;
    };
    if (records.empty()) return refuse({0, -1, QString(), QStringLiteral("the table has no rows"), true});

    // Header: the first of the first rows where at least two cells name known columns.
    const int headerIndex = findHeaderRecord(records, [](const QStringList &cells) {
        int known = 0;
        for (const QString &h : cells)
            known += isRecognisedHeader(h) ? 1 : 0;
        return known >= 2;
    });
    std::vector<std::optional<ColumnSpec>> specs;
    size_t firstData = 0;
    int idColumn = -1;
    if (headerIndex >= 0) {
        firstData = size_t(headerIndex) + 1;
        const QStringList &header = records[size_t(headerIndex)];
        result.headers = header;
        bool anyFriendly = false, anyPath = false;
        for (const QString &h : header) {
            auto s = specForHeader(h);
            if (s && isRecognisedHeader(h)) {
                anyFriendly = anyFriendly || s->friendly;
                anyPath = anyPath || !s->friendly;
            }
            specs.push_back(s);
        }
        result.headerKind = anyFriendly && anyPath ? OfferingImport::HeaderKind::Mixed
                            : anyFriendly          ? OfferingImport::HeaderKind::Friendly
                                                   : OfferingImport::HeaderKind::JsonPaths;
        QString note = QStringLiteral("header: row %1").arg(rowNumbers[size_t(headerIndex)]);
        if (headerIndex > 0) {
            QStringList above;
            for (int i = 0; i < headerIndex; ++i)
                above << QString::number(rowNumbers[size_t(i)]);
            note += QStringLiteral(" (row%1 %2 above it not imported)")
                        .arg(above.size() > 1 ? QStringLiteral("s") : QString(),
                             above.join(QStringLiteral(", ")));
        }
        result.notes << note;
        std::map<QString, int> columnOfPath;
        for (int c = 0; c < int(specs.size()); ++c) {
            const auto &s = specs[size_t(c)];
            if (!s) {
                if (!header[c].trimmed().isEmpty())
                    result.fileIssues.push_back(
                        {rowNumbers[size_t(headerIndex)], c, header[c].trimmed(),
                         QStringLiteral("unknown column; its values are not imported"), false});
                continue;
            }
            if (s->path == u"id") idColumn = c;
            const auto [it, inserted] = columnOfPath.emplace(s->path, c);
            if (!inserted)
                return refuse({rowNumbers[size_t(headerIndex)], c, header[c].trimmed(),
                               QStringLiteral("columns %1 (%2) and %3 (%4) both fill %5; one would silently "
                                              "replace the other, so remove or rename one")
                                   .arg(columnLetter(it->second), excerpt(header[it->second].trimmed(), 40),
                                        columnLetter(c), excerpt(header[c].trimmed(), 40), s->path),
                               true});
        }
    } else {
        for (const auto &s : defaultFriendlyColumns())
            specs.push_back(s);
        result.headers = defaultFriendlyHeaders();
        result.headerKind = OfferingImport::HeaderKind::None;
        result.notes << QStringLiteral("no header row: columns read as %1")
                            .arg(result.headers.join(QStringLiteral(", ")));
    }

    // The file's number convention, from every number cell at once.
    std::vector<NumberCell> numberCells;
    for (size_t r = firstData; r < records.size(); ++r)
        for (int c = 0; c < int(records[r].size()) && c < int(specs.size()); ++c)
            if (specs[size_t(c)])
                for (const QString &t : numberTextsOf(records[r][c], *specs[size_t(c)]))
                    numberCells.push_back({rowNumbers[r], c, t});
    const NumberConvention numbers = decideNumberConvention(numberCells, table.delimiter);
    numberCells.clear();
    if (numbers.error) return refuse(*numbers.error);
    result.notes << numbers.note;
    std::vector<CellContext> contexts(specs.size());
    for (int c = 0; c < int(specs.size()); ++c) {
        contexts[size_t(c)].mark = numbers.mark;
        contexts[size_t(c)].markDecided = numbers.decided;
        const auto &s = specs[size_t(c)];
        if (!s || s->kind != CellKind::Fraction || !s->percentHeader) continue;
        bool anyPlain = false;
        contexts[size_t(c)].scale = percentScale(records, rowNumbers, firstData, c, numbers.mark, &anyPlain);
        if (anyPlain)
            result.notes << QStringLiteral("%1 (column %2): plain numbers read as %3")
                                .arg(result.headers.value(c).trimmed(), columnLetter(c),
                                     contexts[size_t(c)].scale.points
                                         ? QStringLiteral("percentages (12 = 12 %, as %1 shows)")
                                               .arg(contexts[size_t(c)].scale.witness)
                                         : QStringLiteral("fractions (0.12 = 12 %)"));
    }

    IdAllocator ids(existingIds);
    std::vector<WrittenPaths> written;
    for (size_t r = firstData; r < records.size(); ++r) {
        const QStringList &cells = records[r];
        bool allBlank = true;
        for (const QString &c : cells)
            allBlank = allBlank && c.trimmed().isEmpty();
        if (allBlank) continue;
        ImportedRow row;
        row.row = rowNumbers[r];
        row.offering = JsonValue::object();
        WrittenPaths wrote;
        QSet<QString> failedPaths;
        for (int c = 0; c < int(cells.size()); ++c) {
            const QString colName = result.headers.value(c).trimmed();
            if (cells[c].trimmed().isEmpty()) continue;
            if (c >= int(specs.size()) || !specs[size_t(c)]) {
                if (c >= int(specs.size()) || colName.isEmpty())
                    row.issues.push_back(
                        {row.row, c, colName,
                         QStringLiteral("a value in a column without a header is not imported"), false});
                continue;
            }
            const CellValues cv = convertCell(cells[c], *specs[size_t(c)], contexts[size_t(c)]);
            if (!cv.warning.isEmpty()) row.issues.push_back({row.row, c, colName, cv.warning, false});
            if (!cv.error.isEmpty()) {
                row.issues.push_back({row.row, c, colName, cv.error, true});
                failedPaths.insert(specs[size_t(c)]->path);
                continue;
            }
            for (const auto &[path, value] : cv.values) {
                if (const auto it = wrote.find(path); it != wrote.end()) {
                    if (jsonValueAt(row.offering, path) != value)
                        row.issues.push_back({row.row, c, colName,
                                              QStringLiteral("gives %1 a different value than column %2 (%3)")
                                                  .arg(path, columnLetter(it->second),
                                                       result.headers.value(it->second).trimmed()),
                                              true});
                    continue;
                }
                if (!setJsonValueAt(row.offering, path, value)) {
                    row.issues.push_back({row.row, c, colName,
                                          QStringLiteral("cannot place the value at %1").arg(path), true});
                    continue;
                }
                wrote.emplace(path, c);
            }
        }
        finishOffering(row, ids, idColumn, failedPaths);
        result.rows.push_back(std::move(row));
        written.push_back(std::move(wrote));
    }
    if (result.rows.empty())
        return refuse({0, -1, QString(), QStringLiteral("the table has a header but no data rows"), true});
    refuseWhatValidationRefuses(result.rows, written, result.headers);
    return result;
}

OfferingImport importOfferingJson(const QByteArray &bytes, const QStringList &existingIds) {
    OfferingImport result;
    result.headerKind = OfferingImport::HeaderKind::JsonPaths;
    JsonParseError err;
    const auto root = parseJson(bytes, &err);
    if (!root)
        return refusedFile({0, -1, QString(), QStringLiteral("not valid JSON: %1").arg(err.toString()), true},
                           true);
    JsonValue list;
    if (root->isArray())
        list = *root;
    else if (root->isObject() && (*root)[u"offerings"].isArray())
        list = (*root)[u"offerings"];
    else if (root->isObject() && root->contains(u"category"))
        list = JsonValue(JsonValue::Array{*root});
    else
        return refusedFile({0, -1, QString(),
                            QStringLiteral("no offerings found: expected an array or an object with "
                                           "\"offerings\""),
                            true},
                           false);
    IdAllocator ids(existingIds);
    int n = 0;
    for (const auto &item : list.arrayItems()) {
        ++n;
        ImportedRow row;
        row.row = n; // the n-th offering of the file
        if (!item.isObject()) {
            row.offering = JsonValue::object();
            row.issues.push_back(
                {n, -1, QString(),
                 QStringLiteral("offering %1 is %2, not an object").arg(n).arg(item.typeName()), true});
            result.rows.push_back(std::move(row));
            continue;
        }
        row.offering = item;
        finishOffering(row, ids, -1);
        result.rows.push_back(std::move(row));
    }
    refuseWhatValidationRefuses(result.rows, {}, {});
    return result;
}

OfferingImport importOfferingText(const QString &text, const QStringList &existingIds) {
    for (const QChar c : text) {
        if (c == u' ' || c == u'\n' || c == u'\r' || c == u'\t' || c == QChar(0xFEFF)) continue;
        if (c == u'[' || c == u'{') return importOfferingJson(text.toUtf8(), existingIds);
        break;
    }
    return importOfferingTable(text, existingIds);
}

OfferingImport importOfferingBytes(const QByteArray &bytes, const QStringList &existingIds) {
    const DecodedText decoded = decodeTableBytes(bytes);
    if (decoded.error) return refusedFile(*decoded.error, true);
    OfferingImport result = importOfferingText(decoded.text, existingIds);
    result.notes.prepend(decoded.fallback ? QStringLiteral("read as Windows-1252: the file is not UTF-8")
                                          : QStringLiteral("encoding: %1").arg(decoded.encoding));
    return result;
}

OfferingImport importOfferingFile(const QString &fileName, const QStringList &existingIds) {
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly))
        return refusedFile(
            {0, -1, QString(), QStringLiteral("cannot read %1: %2").arg(fileName, f.errorString()), true},
            true);
    if (f.size() > 64ll * 1024 * 1024)
        return refusedFile({0, -1, QString(), QStringLiteral("%1 is larger than 64 MB").arg(fileName), true},
                           true);
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return refusedFile(
            {0, -1, QString(), QStringLiteral("cannot read %1: %2").arg(fileName, f.errorString()), true},
            true);
    return importOfferingBytes(bytes, existingIds);
}

} // namespace pw

// SPDX-License-Identifier: MIT
#include "offeringimport.h"

#include "io/jsonpath.h"
#include "io/offeringcolumns.h"
#include "io/offeringrows.h"
#include "io/offeringtablechecks.h"
#include "io/problem.h"

#include <QFile>
#include <QSet>

#include <algorithm>
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

OfferingImport refusedFile(ImportIssue issue, bool unreadable) {
    OfferingImport r;
    r.fatal = true;
    r.unreadable = unreadable;
    r.fileIssues.push_back(std::move(issue));
    return r;
}

// A header row: at least two cells name known columns.
bool isHeaderRecord(const QStringList &cells) {
    int known = 0;
    for (const QString &h : cells)
        known += isRecognisedHeader(h) ? 1 : 0;
    return known >= 2;
}

// Normalises every string of an imported offering to NFC and refuses text no table cell may hold either
// (a replacement character, a control or invisible character), each at its path.
void cleanJsonText(JsonValue &v, const QString &path, ImportedRow &row) {
    if (v.isString()) {
        const QString text = v.toString();
        if (const QString problem = textProblem(text); !problem.isEmpty())
            row.issues.push_back(
                {row.row, -1, QString(),
                 QStringLiteral("%1: %2").arg(path.isEmpty() ? QStringLiteral("offering") : path, problem),
                 true});
        else if (QString nfc = text.normalized(QString::NormalizationForm_C); nfc != text)
            v = JsonValue(nfc);
        return;
    }
    if (v.isArray()) {
        int i = 0;
        for (JsonValue &item : v.arrayItemsMut())
            cleanJsonText(item, path + QStringLiteral("[%1]").arg(i++), row);
    } else if (v.isObject()) {
        for (auto &[name, value] : v.objectMembersMut())
            cleanJsonText(value, path.isEmpty() ? name : path + u'.' + name, row);
    }
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
    // Generated ids hold lower-case ASCII words and underscores only, whatever the carrier id says.
    const QString pid = providerId.trimmed();
    const QString carrierPart = pid.isEmpty()
                                    ? QStringLiteral("new")
                                    : slug(pid.startsWith(QStringLiteral("prov_")) ? pid.mid(5) : pid);
    return QStringLiteral("quote_line_%1_%2")
        .arg(carrierPart, line.isEmpty() ? QStringLiteral("line") : slug(line));
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

    // Header: the first row where at least two cells name known columns, however many title or note
    // rows sit above it: reading a table by position while a header row exists would put its values in
    // the wrong fields ("Monthly Premium" as the annual premium).
    const int headerIndex = findHeaderRecord(records, isHeaderRecord, int(records.size()));
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
        contexts[size_t(c)].markEvidence = numbers.evidence;
        contexts[size_t(c)].delimiter = table.delimiter;
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

    const DateDecision dates = decideDateOrder(records, rowNumbers, firstData, specs);
    if (dates.error) return refuse(*dates.error);
    if (!dates.note.isEmpty()) result.notes << dates.note;
    for (CellContext &context : contexts)
        context.dateOrder = dates.order;

    // Cells past the header's last named column: a value there means the row has shifted.
    int headerWidth = 0;
    for (int c = 0; c < int(result.headers.size()); ++c)
        if (!result.headers[c].trimmed().isEmpty()) headerWidth = c + 1;
    const int headerCells = headerIndex >= 0 ? int(records[size_t(headerIndex)].size()) : int(specs.size());

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
        if (auto shifted = shiftedRow(cells, row.row, headerIndex >= 0, headerCells, headerWidth, specs,
                                      table.delimiter)) {
            shifted->columnName = result.headers.value(shifted->column).trimmed();
            row.issues.push_back(std::move(*shifted));
            result.rows.push_back(std::move(row));
            written.emplace_back();
            continue;
        }
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
    refuseUnsoundOfferings(result.rows, written, result.headers);
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
    if (root->isObject()) {
        const auto &members = root->objectMembers();
        const auto lists = std::count_if(members.begin(), members.end(),
                                         [](const auto &m) { return m.first == u"offerings"; });
        if (lists > 1)
            return refusedFile({0, -1, QString(),
                                QStringLiteral("offerings: the list of offerings is stated %1; JSON tools "
                                               "disagree on which one counts, so keep one")
                                    .arg(statedTimesText(int(lists))),
                                true},
                               false);
    }
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
        // A member stated twice means two values (the first for some tools, the last for others); the
        // offering is refused before anything reorders or reads its members.
        forEachDuplicateMember(row.offering, [&](const QString &path, int times) {
            row.issues.push_back({n, -1, QString(),
                                  QStringLiteral("%1: this member is stated %2 in one object; JSON tools "
                                                 "disagree on which one counts, so keep one")
                                      .arg(path, statedTimesText(times)),
                                  true});
        });
        cleanJsonText(row.offering, QString(), row);
        finishOffering(row, ids, -1);
        result.rows.push_back(std::move(row));
    }
    refuseUnsoundOfferings(result.rows, {}, {});
    return result;
}

OfferingImport importOfferingText(const QString &text, const QStringList &existingIds) {
    for (const QChar c : text) {
        if (c == u' ' || c == u'\n' || c == u'\r' || c == u'\t' || c == QChar(0xFEFF)) continue;
        if (c != u'[' && c != u'{') break;
        OfferingImport json = importOfferingJson(text.toUtf8(), existingIds);
        if (!json.unreadable) {
            json.notes.prepend(QStringLiteral("read as JSON"));
            return json;
        }
        // Not JSON after all: a table whose first cell starts with a bracket ("[Draft] Quotes for …") is
        // read as the table it is when a header row names its columns; otherwise the JSON error stands.
        const TableRecords table = readTableRecords(text);
        if (table.error ||
            findHeaderRecord(table.split.records, isHeaderRecord, int(table.split.records.size())) < 0)
            return json;
        OfferingImport result = importOfferingTable(text, existingIds);
        result.notes.prepend(
            QStringLiteral("read as a table: the text starts with \"%1\" but is not JSON (%2)")
                .arg(c)
                .arg(json.fileIssues.empty() ? QString() : json.fileIssues.front().message));
        return result;
    }
    OfferingImport result = importOfferingTable(text, existingIds);
    result.notes.prepend(QStringLiteral("read as a table"));
    return result;
}

OfferingImport importOfferingBytes(const QByteArray &bytes, const QStringList &existingIds) {
    const DecodedText decoded = decodeTableBytes(bytes);
    if (decoded.error) return refusedFile(*decoded.error, true);
    OfferingImport result = importOfferingText(decoded.text, existingIds);
    result.notes.prepend(decoded.fallback ? decoded.note
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

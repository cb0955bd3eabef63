// SPDX-License-Identifier: MIT
// `placement-workbench library [--server URL] list|search TEXT|import DIR|export ID -o FILE|versions ID|
// diff A B|push|setup-server`
#include "cli.h"
#include "clisupport.h"
#include "libraryserverio.h"

#include "store/casediff.h"
#include "store/caselibrary.h"
#include "store/libraryimport.h"
#include "util/dates.h"
#include "util/displaytext.h"
#include "util/numbers.h"
#include "util/usdata.h"

#include <QCommandLineParser>
#include <QDir>

namespace pw {

namespace {

// Text from a case, a file name or the server is data: control characters (ESC, BEL, a newline in a name)
// and bidirectional overrides are shown as visible escapes (escapeControls), never sent to the terminal.
QString oneLine(const QString &text, int width = 0) {
    const QString s = escapeControls(text);
    if (width <= 0 || s.size() <= width) return s;
    // Cut between characters of the text, never inside an escape ("\u202e") or a surrogate pair.
    QString cut;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype n = text[i].isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QString piece = escapeControls(text.mid(i, n));
        if (cut.size() + piece.size() > width - 1) break;
        cut += piece;
        i += n;
    }
    return cut + u'…';
}

QString cell(const QString &text, int width) {
    return oneLine(text, width).leftJustified(width);
}

QString renderCases(const std::vector<LibraryCase> &cases) {
    // Numbers are never cut ("616,…" reads as 616): their columns are as wide as their widest value,
    // at least the designed width. Text columns keep theirs and end in "…" when cut.
    struct Numbers {
        QString id, qualified, versions;
    };
    std::vector<Numbers> numbers;
    numbers.reserve(cases.size());
    qsizetype idWidth = 6, qualifiedWidth = 5, versionsWidth = 4;
    for (const LibraryCase &c : cases) {
        numbers.push_back({QString::number(c.caseId),
                           c.ranking.hasRun ? formatCount(c.ranking.qualifiedCount) : QStringLiteral("—"),
                           QString::number(c.versionCount)});
        idWidth = std::max(idWidth, numbers.back().id.size());
        qualifiedWidth = std::max(qualifiedWidth, numbers.back().qualified.size());
        versionsWidth = std::max(versionsWidth, numbers.back().versions.size());
    }
    QString out = cell(QStringLiteral("ID"), int(idWidth)) + u' ' + cell(QStringLiteral("Insured"), 24) +
                  u' ' + cell(QStringLiteral("St"), 3) + u' ' + cell(QStringLiteral("ZIP"), 6) + u' ' +
                  cell(QStringLiteral("Lines"), 20) + u' ' + cell(QStringLiteral("Top package"), 44) + u' ' +
                  cell(QStringLiteral("Qual"), int(qualifiedWidth)) + u' ' +
                  cell(QStringLiteral("Ver"), int(versionsWidth)) + u' ' + QStringLiteral("Modified\n");
    for (size_t i = 0; i < cases.size(); ++i) {
        const LibraryCase &c = cases[i];
        const QString top = c.ranking.hasRun ? (c.ranking.topText().isEmpty() ? QStringLiteral("(no package)")
                                                                              : c.ranking.topText())
                                             : QStringLiteral("(not ranked)");
        out += cell(numbers[i].id, int(idWidth)) + u' ' +
               cell(c.facts.insuredName.isEmpty() ? QStringLiteral("(no name)") : c.facts.insuredName, 24) +
               u' ' + cell(c.facts.state, 3) + u' ' + cell(c.facts.zip, 6) + u' ' +
               cell(c.facts.lines.join(u'+'), 20) + u' ' + cell(top, 44) + u' ' +
               cell(numbers[i].qualified, int(qualifiedWidth)) + u' ' +
               cell(numbers[i].versions, int(versionsWidth)) + u' ' + formatTimestamp(c.modifiedAt) + u'\n';
    }
    out += cases.size() == 1 ? QStringLiteral("1 case\n") : QStringLiteral("%1 cases\n").arg(cases.size());
    return out;
}

JsonValue caseJson(const LibraryCase &c) {
    auto list = [](const QStringList &l) {
        JsonValue a = JsonValue::array();
        for (const QString &s : l)
            a.append(s);
        return a;
    };
    JsonValue o = JsonValue::object();
    o.appendMember(QStringLiteral("id"), JsonValue(qint64(c.caseId)));
    o.appendMember(QStringLiteral("version_id"), JsonValue(qint64(c.versionId)));
    o.appendMember(QStringLiteral("version"), c.versionNumber);
    o.appendMember(QStringLiteral("versions"), c.versionCount);
    o.appendMember(QStringLiteral("insured_name"), c.facts.insuredName);
    o.appendMember(QStringLiteral("state"), c.facts.state);
    o.appendMember(QStringLiteral("zip_code"), c.facts.zip);
    o.appendMember(QStringLiteral("lines"), list(c.facts.lines));
    o.appendMember(QStringLiteral("carriers"), list(c.facts.carriers));
    const RankedPackage *top = c.ranking.top();
    o.appendMember(QStringLiteral("top_package"), top ? JsonValue(top->carriers) : JsonValue());
    o.appendMember(QStringLiteral("top_cost_low"), top ? JsonValue(top->costLow) : JsonValue());
    o.appendMember(QStringLiteral("top_cost_high"), top ? JsonValue(top->costHigh) : JsonValue());
    o.appendMember(QStringLiteral("qualified_count"),
                   c.ranking.hasRun ? JsonValue(c.ranking.qualifiedCount) : JsonValue());
    o.appendMember(QStringLiteral("file"), c.filePath.isEmpty() ? JsonValue() : JsonValue(c.filePath));
    o.appendMember(QStringLiteral("remote_runs"), c.remoteRunCount);
    o.appendMember(QStringLiteral("modified_at"), formatTimestamp(c.modifiedAt));
    return o;
}

std::optional<qint64> idArgument(const QString &text, const QString &what, CliIo &io) {
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        io.err << "library: " << what << " must be a positive number, not \"" << oneLine(text) << "\"\n";
        return std::nullopt;
    }
    return id;
}

} // namespace

int runLibrary(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "The case library: PLACEMENT_WORKBENCH_DATA_DIR/library.sqlite (else the user's data folder), or\n"
        "with --server the agency's library on PostgreSQL (README: Sharing a library across an agency).\n"
        "  library list                      every case, newest first\n"
        "  library search TEXT...            cases whose name, ZIP, state, carrier or policy number "
        "contains\n"
        "                                    every word of TEXT (any case; several words need no quotes)\n"
        "  library import DIR                add the folder's *.json case files (a known file that changed\n"
        "                                    gets a new version; a file whose bytes the library holds is "
        "not\n"
        "                                    added again; a file the library cannot store is skipped)\n"
        "  library export ID -o FILE         write case ID's current version (--version N: version N)\n"
        "                                    byte for byte as stored; --request-body: without "
        "\"workbench\";\n"
        "                                    -o - writes to standard output\n"
        "  library versions ID               the versions of case ID (revision, who saved each)\n"
        "  library diff VERSION VERSION      fields, offerings and ranking changed between two versions of\n"
        "                                    one case (versions of different cases are refused)\n"
        "  library push --server URL         copy the local library's cases to the server: a case already\n"
        "                                    there gains the versions it lacks (a conflict when the\n"
        "                                    server's copy changed meanwhile: named, nothing overwritten)\n"
        "  library setup-server --server URL make the server's schema and grant the agency's roles (as the\n"
        "                                    owner); --print-sql: the administrator's SQL script\n"
        "--server postgresql://USER@HOST:PORT/DATABASE[?sslmode=MODE]: the password comes from PGPASSWORD,\n"
        "else the keychain entry of Settings > Library; never put it in the URL.\n"
        "Exit 0; 1 on a mistake, a skipped file or case, a library error, or a file export cannot write;\n"
        "2 when the library cannot be opened (the local file, or a server library not set up yet: its\n"
        "administrator runs setup-server); 4 when the server refused (login, the role may not change\n"
        "cases, or setup-server run by anyone but the owner, set up yet or not); 5 when the server\n"
        "cannot be reached; 6 on a conflict (someone else changed the case: who and when are named; push\n"
        "added the offline versions beside theirs) or when a write to the server failed otherwise."));
    p.addPositionalArgument(
        QStringLiteral("SUBCOMMAND"), QStringLiteral("What to do (see above)."),
        QStringLiteral("list|search|import|export|versions|diff|push|setup-server [ARGS]"));
    const QCommandLineOption outOpt({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("File to export to (- for standard output)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption versionOpt(QStringLiteral("version"),
                                        QStringLiteral("Version number to export."), QStringLiteral("N"));
    const QCommandLineOption bodyOpt(QStringLiteral("request-body"),
                                     QStringLiteral("Export the API request body only (no \"workbench\")."));
    const QCommandLineOption stateOpt(QStringLiteral("state"), QStringLiteral("Only cases in this state."),
                                      QStringLiteral("ST"));
    const QCommandLineOption lineOpt(
        QStringLiteral("line"), QStringLiteral("Only cases requesting this line (home, auto, umbrella)."),
        QStringLiteral("LINE"));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("table (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption nowOpt(
        QStringLiteral("now"), QStringLiteral("Clock for ranking imported cases."), QStringLiteral("TIME"));
    const QCommandLineOption serverOpt(
        QStringLiteral("server"),
        QStringLiteral("The agency's library server: postgresql://USER@HOST:PORT/DB."),
        QStringLiteral("URL"));
    const QCommandLineOption printSqlOpt(
        QStringLiteral("print-sql"), QStringLiteral("setup-server: print the administrator's SQL script."));
    p.addOptions({outOpt, versionOpt, bodyOpt, stateOpt, lineOpt, formatOpt, nowOpt, serverOpt, printSqlOpt});
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const QStringList pos = p.positionalArguments();
    const QString sub = pos.value(0);
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("library"), format, {QStringLiteral("table"), QStringLiteral("json")},
                     io))
        return ExitProblems;
    const QHash<QString, int> arity{{QStringLiteral("list"), 1},     {QStringLiteral("search"), 2},
                                    {QStringLiteral("import"), 2},   {QStringLiteral("export"), 2},
                                    {QStringLiteral("versions"), 2}, {QStringLiteral("diff"), 3},
                                    {QStringLiteral("push"), 1},     {QStringLiteral("setup-server"), 1}};
    if (!arity.contains(sub)) {
        io.err << "library: expected list, search, import, export, versions, diff, push or setup-server (see "
                  "--help)\n";
        return ExitProblems;
    }
    // `library search dana okafor`: the words after search are one text (every word must match).
    if (pos.size() != arity.value(sub) && !(sub == u"search" && pos.size() > 2)) {
        io.err << "library " << sub << ": expected " << arity.value(sub) - 1 << " argument(s) (see --help)\n";
        return ExitProblems;
    }
    // Filters name what the library can hold: a value it cannot hold finds nothing in silence otherwise.
    if (p.isSet(stateOpt) && !isUsStateCode(p.value(stateOpt).trimmed().toUpper())) {
        io.err << "library: --state must be a US state code: " << usStateCodeList().join(QStringLiteral(", "))
               << " (not \"" << oneLine(p.value(stateOpt)) << "\")\n";
        return ExitProblems;
    }
    const QStringList lines{QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    if (p.isSet(lineOpt) && !lines.contains(p.value(lineOpt).trimmed().toLower())) {
        io.err << "library: --line must be home, auto or umbrella (not \"" << oneLine(p.value(lineOpt))
               << "\")\n";
        return ExitProblems;
    }
    if (p.isSet(versionOpt) && !idArgument(p.value(versionOpt), QStringLiteral("--version"), io))
        return ExitProblems;
    if (p.isSet(serverOpt) && p.value(serverOpt).trimmed().isEmpty()) {
        io.err << "library: --server needs a URL (postgresql://USER@HOST:PORT/DATABASE); without --server "
                  "the library is the local one\n";
        return ExitProblems;
    }
    const QuietSqlMessages quiet;
    if (sub == u"setup-server") return runLibrarySetupServer(p.value(serverOpt), p.isSet(printSqlOpt), io);
    if (sub == u"push" && !p.isSet(serverOpt)) {
        io.err << "library push: --server URL is required (the library to copy the local cases to)\n";
        return ExitProblems;
    }
    int openExit = ExitOk;
    auto lib = openLibraryForCli(p.value(serverOpt), io, &openExit);
    if (!lib) return openExit;
    if (sub == u"push") return runLibraryPush(*lib, format == u"json", io);
    const QString author = systemUserName();

    if (sub == u"list" || sub == u"search") {
        LibraryQuery q;
        if (sub == u"search") q.text = pos.mid(1).join(u' ');
        q.state = p.value(stateOpt).trimmed().toUpper();
        q.line = p.value(lineOpt).trimmed().toLower();
        const auto cases = lib->cases(q);
        if (!lib->lastError().isEmpty()) {
            io.err << "library: " << oneLine(lib->lastError()) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        if (format == u"json") {
            JsonValue arr = JsonValue::array();
            for (const LibraryCase &c : cases)
                arr.append(caseJson(c));
            io.out << QString::fromUtf8(writeJson(arr));
        } else {
            io.out << renderCases(cases);
        }
        return ExitOk;
    }
    if (sub == u"import") {
        const auto now = clockFrom(p, nowOpt, io);
        if (!now) return ExitProblems;
        const ImportReport r = importCaseFolder(*lib, QDir(pos.value(1)).absolutePath(), *now, author);
        for (const QString &s : r.skipped)
            io.err << "library import: skipped " << oneLine(s) << "\n";
        for (const QString &s : r.duplicates)
            io.err << "library import: " << oneLine(s) << "\n";
        io.out << "imported " << r.added << " new, " << r.updated << " updated, " << r.unchanged
               << " unchanged, " << r.skipped.size() << " skipped";
        if (!r.duplicates.isEmpty()) io.out << ", " << r.duplicates.size() << " already in the library";
        io.out << "\n";
        if (!r.libraryError.isEmpty()) {
            io.err << "library import: " << oneLine(r.libraryError) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        return r.ok() ? ExitOk : ExitProblems;
    }
    if (sub == u"export") {
        const auto caseId = idArgument(pos.value(1), QStringLiteral("ID"), io);
        if (!caseId) return ExitProblems;
        if (!p.isSet(outOpt)) {
            io.err << "library export: -o FILE is required\n";
            return ExitProblems;
        }
        const auto c = lib->caseById(*caseId);
        if (!c && !lib->lastError().isEmpty()) {
            io.err << "library export: " << oneLine(lib->lastError()) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        if (!c) {
            io.err << "library export: there is no case " << *caseId << "\n";
            return ExitProblems;
        }
        qint64 versionId = c->versionId;
        if (p.isSet(versionOpt)) {
            versionId = 0;
            for (const LibraryVersion &v : lib->versions(*caseId))
                if (QString::number(v.number) == p.value(versionOpt)) versionId = v.versionId;
            if (versionId == 0) {
                io.err << "library export: case " << *caseId << " has no version "
                       << oneLine(p.value(versionOpt)) << "\n";
                return ExitProblems;
            }
        }
        const QString target = p.value(outOpt);
        if (target == u"-") {
            // Standard output, as every command writes it; the audit says where the bytes went.
            bool written = true;
            const QString err =
                exportVersion(*lib, versionId, QStringLiteral("standard output"), p.isSet(bodyOpt), author,
                              [&](const QByteArray &bytes) {
                                  written =
                                      writeCommandOutput(QStringLiteral("library export"), target, bytes, io);
                                  return written ? QString() : QStringLiteral("standard output failed");
                              });
            if (!written) return ExitUnreadable;
            if (!err.isEmpty()) {
                io.err << "library export: " << oneLine(err) << "\n";
                return libraryExitCode(*lib, ExitProblems);
            }
            return ExitOk;
        }
        const QString err = exportVersion(*lib, versionId, target, p.isSet(bodyOpt), author);
        if (!err.isEmpty()) {
            io.err << "library export: " << oneLine(err) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        io.err << "library export: wrote " << oneLine(target) << "\n";
        return ExitOk;
    }
    if (sub == u"versions") {
        const auto caseId = idArgument(pos.value(1), QStringLiteral("ID"), io);
        if (!caseId) return ExitProblems;
        const auto versions = lib->versions(*caseId);
        if (versions.empty() && !lib->lastError().isEmpty()) {
            io.err << "library versions: " << oneLine(lib->lastError()) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        if (versions.empty()) {
            io.err << "library versions: there is no case " << *caseId << "\n";
            return ExitProblems;
        }
        if (format == u"json") {
            JsonValue arr = JsonValue::array();
            for (const LibraryVersion &v : versions) {
                JsonValue o = JsonValue::object();
                o.appendMember(QStringLiteral("version_id"), JsonValue(qint64(v.versionId)));
                o.appendMember(QStringLiteral("number"), v.number);
                o.appendMember(QStringLiteral("label"), v.label);
                o.appendMember(QStringLiteral("copied_from"),
                               v.parentVersionId ? JsonValue(qint64(v.parentVersionId)) : JsonValue());
                o.appendMember(QStringLiteral("created_at"), formatTimestamp(v.createdAt));
                o.appendMember(QStringLiteral("modified_at"), formatTimestamp(v.modifiedAt));
                o.appendMember(QStringLiteral("revision"), v.revision);
                o.appendMember(QStringLiteral("modified_by"), v.modifiedBy);
                o.appendMember(QStringLiteral("top_package"), v.ranking.topText());
                o.appendMember(QStringLiteral("ranking"), v.ranking.toJson());
                arr.append(o);
            }
            io.out << QString::fromUtf8(writeJson(arr));
            return ExitOk;
        }
        io.out << cell(QStringLiteral("Version"), 8) << ' ' << cell(QStringLiteral("Id"), 7) << ' '
               << cell(QStringLiteral("Label"), 20) << ' ' << cell(QStringLiteral("Created"), 24) << ' '
               << cell(QStringLiteral("Modified"), 24) << ' ' << cell(QStringLiteral("Rev"), 4) << ' '
               << cell(QStringLiteral("Saved by"), 16) << " Top package\n";
        for (const LibraryVersion &v : versions)
            io.out << cell(QString::number(v.number), 8) << ' ' << cell(QString::number(v.versionId), 7)
                   << ' ' << cell(v.label, 20) << ' ' << cell(formatTimestamp(v.createdAt), 24) << ' '
                   << cell(formatTimestamp(v.modifiedAt), 24) << ' ' << cell(QString::number(v.revision), 4)
                   << ' ' << cell(v.modifiedBy, 16) << ' '
                   << oneLine(v.ranking.hasRun ? v.ranking.topText() : QStringLiteral("(not ranked)"))
                   << "\n";
        return ExitOk;
    }
    // diff
    const auto a = idArgument(pos.value(1), QStringLiteral("VERSION"), io);
    const auto b = idArgument(pos.value(2), QStringLiteral("VERSION"), io);
    if (!a || !b) return ExitProblems;
    const auto va = lib->version(*a), vb = lib->version(*b);
    if (!va || !vb) {
        if (!lib->lastError().isEmpty()) {
            io.err << "library diff: " << oneLine(lib->lastError()) << "\n";
            return libraryExitCode(*lib, ExitProblems);
        }
        io.err << "library diff: there is no version " << (va ? *b : *a) << "\n";
        return ExitProblems;
    }
    if (va->caseId != vb->caseId) {
        // Two households' versions differ everywhere: such a "diff" would read as one case's edits.
        io.err << "library diff: version " << *a << " is of case " << va->caseId << " ("
               << oneLine(va->facts.insuredName) << ") and version " << *b << " of case " << vb->caseId
               << " (" << oneLine(vb->facts.insuredName)
               << "): only versions of the same case are compared (library versions ID lists them)\n";
        return ExitProblems;
    }
    const auto ra = parseJson(va->body), rb = parseJson(vb->body);
    if (!ra || !rb) {
        io.err << "library diff: a version is not valid JSON\n";
        return ExitProblems;
    }
    // The diff's lines are ours; the names and values in them are the cases' data.
    io.out << escapeControlsKeepLines(
        renderCaseDiff(diffJson(*ra, *rb), diffRankings(va->ranking, vb->ranking)));
    return ExitOk;
}

} // namespace pw

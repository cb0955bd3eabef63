// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"

#include "io/casefile.h"
#include "io/offeringimport.h"

#include <QCommandLineParser>

namespace pw {

int runImport(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Adds the offerings of a CSV/TSV table or a JSON file to a case and writes the result to -o OUT (or "
        "to standard output). Tables may use dotted JSON-path headers or the friendly headers Carrier, Line, "
        "Product, Premium, AM Best, Tier, Commission %, Package ID, Package Premium, Quote ID, Expires, "
        "Limits, UM Limits, CSL, Deductible, Wind Deductible, Dwelling. Tables may be UTF-8, UTF-16 with a "
        "byte-order mark, Windows-1252 or Mac Roman, separated by commas, semicolons, tabs or pipes (or a "
        "sep= "
        "first line), with title rows above the header; the file's number convention (1,234.56 or 1.234,56) "
        "is decided once for the whole file, and amounts outside their field's plausible range are refused. "
        "What the reading decided is printed as FILE: note: ...; each bad "
        "row as FILE: row N, column C (Header): message, and the other rows are imported. CASE is never "
        "written unless -o names it.\nExit 0 when every row was imported, 1 when some rows were rejected "
        "(the rest is still written), when the table was refused as a whole (two columns for one field, "
        "numbers written two ways) or on a usage error, 2 when a file cannot be read or parsed (missing, "
        "undecodable, an unterminated quote, malformed JSON) or written."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("Case file to add the offerings to."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("CSV, TSV or JSON file with offerings."));
    const QCommandLineOption outOpt(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write the combined case to OUT (\"-\" or none: standard output)."),
        QStringLiteral("OUT"));
    p.addOption(outOpt);
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2) {
        io.err << "import: name a case file and a table file (see --help)\n";
        return ExitProblems;
    }
    const QString caseFile = pos[0];
    const QString tableFile = pos[1];
    const CaseFileResult c = readCaseFile(caseFile);
    if (!c.root) {
        io.err << caseFile << ": " << c.problem.message << "\n";
        return ExitUnreadable;
    }
    if (!c.root->isObject()) {
        io.err << caseFile << ": a case file is a JSON object with \"input\" and \"offerings\"\n";
        return ExitProblems;
    }
    const OfferingImport imp = importOfferingFile(tableFile, offeringIds(*c.root));
    for (const QString &note : imp.notes)
        io.err << tableFile << ": note: " << note << "\n";
    for (const ImportIssue &issue : imp.allIssues())
        io.err << tableFile << ": " << issue.toString() << "\n";
    if (imp.fatal) return imp.unreadable ? ExitUnreadable : ExitProblems;

    JsonValue root = *c.root;
    JsonValue offerings = root[u"offerings"].isArray() ? root[u"offerings"] : JsonValue::array();
    JsonValue accepted = imp.acceptedOfferings();
    adoptCaseCarrierIds(accepted, root);
    for (const auto &o : accepted.arrayItems())
        offerings.append(o);
    root.insert(QStringLiteral("offerings"), offerings);
    const QByteArray bytes = writeJson(root);
    if (!writeCommandOutput(QStringLiteral("import"), p.value(outOpt), bytes, io)) return ExitUnreadable;
    io.err << "import: " << imp.acceptedCount() << " of " << imp.rows.size() << " rows imported from "
           << tableFile;
    if (imp.rejectedCount() > 0) io.err << "; " << imp.rejectedCount() << " rejected";
    io.err << "\n";
    return imp.rejectedCount() > 0 ? ExitProblems : ExitOk;
}

} // namespace pw

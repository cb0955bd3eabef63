// SPDX-License-Identifier: MIT
// `placement-workbench gaps CASE`: the coverage gap analysis of engine.md §9, whatever request_config says.
#include "cli.h"
#include "clisupport.h"

#include "engine/engine.h"
#include "engine/gaps.h"
#include "engine/plainwords.h"
#include "engine/profile.h"
#include "io/casefile.h"
#include "io/validation.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QCommandLineParser>

namespace pw {

namespace {

// A gap's current/recommended value as agents read it: money, a split string, a date or "-".
QString cellText(const JsonValue &v) {
    return escapeControls(gapValueText(v, QStringLiteral("-")));
}

void printTable(const GapAnalysis &a, CliIo &io) {
    QStringList counts;
    for (const QString &sev : gapSeverityOrder())
        counts << QStringLiteral("%1 %2").arg(a.count(sev)).arg(sev);
    io.out << QStringLiteral("%1 gaps: %2\n")
                  .arg(formatCount(qint64(a.gaps.size())))
                  .arg(counts.join(QStringLiteral(", ")));
    if (!a.gaps.empty()) {
        int ruleWidth = 4;
        for (const Gap &g : a.gaps)
            ruleWidth = std::max(ruleWidth, displayWidth(escapeControls(g.ruleId)));
        const auto row = [&](const QString &sev, const QString &rule, const QString &line, const QString &cur,
                             const QString &rec, const QString &text) {
            // One arg() call with every cell: case text holding "%1" is never taken for a placeholder.
            io.out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                          .arg(padToWidth(sev, 8), padToWidth(rule, ruleWidth), padToWidth(line, 8),
                               padToWidth(cur, 12), padToWidth(rec, 12), text);
        };
        row(QStringLiteral("SEVERITY"), QStringLiteral("RULE"), QStringLiteral("LINE"),
            QStringLiteral("CURRENT"), QStringLiteral("RECOMMENDED"), QStringLiteral("RECOMMENDATION"));
        // gaps[] is already ordered by severity, then rule table order, then coverage_types order.
        for (const Gap &g : a.gaps)
            row(escapeControls(g.severity), escapeControls(g.ruleId),
                g.line.isEmpty() ? QStringLiteral("-") : escapeControls(g.line), cellText(g.current),
                cellText(g.recommended), escapeControls(g.recommendation));
    }
    if (!a.notAssessed.empty()) {
        io.out << "\nNot assessed:\n";
        for (const NotAssessed &n : a.notAssessed)
            io.out << "  " << escapeControls(n.ruleId)
                   << (n.line.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(escapeControls(n.line)))
                   << ": missing " << escapeControls(n.missing.join(QStringLiteral(", "))) << "\n";
    }
}

} // namespace

int runGaps(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Runs the coverage gap analysis on a case's current coverage, whatever its request_config says.\n"
        "Exit 0 on success, 1 on validation errors (printed to stderr), 2 when the file cannot be read or "
        "parsed\n(malformed JSON)."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("The case file."));
    const QCommandLineOption nowOpt(QStringLiteral("now"), QStringLiteral("Clock for date rules (RFC 3339)."),
                                    QStringLiteral("TIME"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("table (default), json or memo."),
                                       QStringLiteral("FORMAT"), QStringLiteral("table"));
    p.addOptions({nowOpt, formatOpt});
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const auto now = clockFrom(p, nowOpt, io);
    if (!now) return ExitProblems;
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("gaps"), format,
                     {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("memo")}, io))
        return ExitProblems;
    if (p.positionalArguments().size() != 1) {
        io.err << "gaps: name exactly one case file (see --help)\n";
        return ExitProblems;
    }
    const QString file = p.positionalArguments().constFirst();
    const CaseFileResult f = readCaseFile(file);
    if (!f.root) {
        io.err << escapeControls(file) << ": "
               << (f.problem.path.isEmpty() ? QString()
                                            : escapeControls(f.problem.path) + QStringLiteral(": "))
               << escapeControls(f.problem.message) << "\n";
        return ExitUnreadable;
    }
    // Reading: the command validates the case as a gap-only run (request_config replaced by
    // {quote_matching: false, coverage_analysis: true}), so a current-coverage source is required and the
    // offerings are not checked; the analysis is then exactly the one a gap-only or dual run writes.
    const JsonValue root = gapOnlyCase(*f.root);
    const EngineProfile &profile = defaultProfile();
    const ValidationResult v = validateCase(root, *now, profile, OfferingsRead::ForQuoteMatching);
    for (const Problem &pr : v.problems)
        io.err << problemLine(file, pr) << "\n";
    if (hasErrors(v.problems)) return ExitProblems;

    const GapAnalysis a = analyseCurrentCoverage(v.parsed.input, *now, profile);
    if (format == u"json")
        io.out << QString::fromUtf8(writeJson(a.toJson()));
    else if (format == u"memo")
        io.out << escapeControlsKeepLines(a.memo) << "\n";
    else
        printTable(a, io);
    return ExitOk;
}

} // namespace pw

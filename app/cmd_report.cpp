// SPDX-License-Identifier: MIT
// `report`: the client proposal or the underwriter scorecard report of a case as PDF, HTML, CSV or JSON.
#include "cli.h"
#include "clisupport.h"

#include "io/casefile.h"
#include "io/safefilewriter.h"
#include "report/proposal.h"
#include "report/reportrenderer.h"
#include "util/displaytext.h"

#include <QElapsedTimer>

namespace pw {

namespace {

// How far a long PDF is, on standard error, once it has taken a second: the pages are laid out first
// (their count not known yet: said once), then painted (said about once a second). PW_PROGRESS_AFTER_MS
// sets the second (for tests). A report done within it says nothing.
class PageProgress {
public:
    explicit PageProgress(QTextStream &err)
        : m_err(&err)
        , m_after(qEnvironmentVariableIsSet("PW_PROGRESS_AFTER_MS")
                      ? qEnvironmentVariableIntValue("PW_PROGRESS_AFTER_MS")
                      : 1000) {
        m_clock.start();
    }
    bool operator()(int done, int total) {
        const qint64 now = m_clock.elapsed();
        if (now < m_after) return true;
        if (total == 0) {
            if (!m_saidLayout) *m_err << "report: laying out the pages…" << Qt::endl;
            m_saidLayout = true;
        } else if (done == total || m_said < 0 || now - m_said >= m_after) {
            *m_err << "report: page " << done << " of " << total << " painted" << Qt::endl;
            m_said = now;
        }
        return true;
    }

private:
    QTextStream *m_err;
    qint64 m_after;
    QElapsedTimer m_clock;
    qint64 m_said = -1; // when a page was last said
    bool m_saidLayout = false;
};

} // namespace

int runReport(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Writes a report of a case: the client proposal (no commission, scores or internal notes) or the\n"
        "underwriter scorecard report, as PDF, self-contained HTML, CSV of solutions or JSON of the run.\n"
        "The proposal's cover shows the agency set in the window's File > Export dialog; --agency, --agent,\n"
        "--contact and --logo replace those settings for this report (the settings are not changed).\n"
        "Exit 0 when the report was written, 1 on validation errors or a command-line mistake, 2 when the\n"
        "case cannot be read or parsed or the report cannot be written (an existing file is left as it "
        "was)."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("Case file."));
    const QCommandLineOption kind(QStringLiteral("kind"), QStringLiteral("proposal or underwriter."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("pdf (default), html, csv or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("pdf"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The report file to write."), QStringLiteral("FILE"));
    const QCommandLineOption appetite(QStringLiteral("appetite"), QStringLiteral("Appetite bucket override."),
                                      QStringLiteral("BUCKET"));
    const QCommandLineOption top(
        QStringLiteral("top"),
        QStringLiteral("How many solutions to rank into the report (default 3 for the "
                       "proposal, 10 for the underwriter report)."),
        QStringLiteral("N"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("Clock (RFC 3339); default: now."),
                                 QStringLiteral("TIME"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Engine profile merged over the bundled one."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption omit(
        QStringLiteral("omit"),
        QStringLiteral("Proposal sections to leave out, comma-separated: gaps (coverage "
                       "gaps and which option closes them), options (all options at a "
                       "glance). The other sections are always included."),
        QStringLiteral("SECTIONS"));
    const QCommandLineOption agencyName(
        QStringLiteral("agency"), QStringLiteral("Agency name on the proposal's cover and page headers."),
        QStringLiteral("NAME"));
    const QCommandLineOption agent(QStringLiteral("agent"), QStringLiteral("Agent's name on the cover."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption contact(QStringLiteral("contact"),
                                     QStringLiteral("Contact line on the cover (telephone, e-mail)."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption logo(QStringLiteral("logo"),
                                  QStringLiteral("Agency logo on the cover: a PNG, JPEG or SVG file (at most "
                                                 "8 MB); a file that cannot be read stops the report."),
                                  QStringLiteral("FILE"));
    p.addOptions({kind, format, output, appetite, top, now, profile, omit, agencyName, agent, contact, logo});
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;

    const auto k = reportKindFromName(p.value(kind));
    if (!k) {
        io.err << "report: --kind must be proposal or underwriter\n";
        return ExitProblems;
    }
    const QString fmt = p.value(format);
    if (!checkFormat(
            QStringLiteral("report"), fmt,
            {QStringLiteral("pdf"), QStringLiteral("html"), QStringLiteral("csv"), QStringLiteral("json")},
            io))
        return ExitProblems;
    if (!p.isSet(output) || p.value(output).isEmpty()) {
        io.err << "report: name the file to write with -o FILE\n";
        return ExitProblems;
    }
    ProposalSections sections;
    for (const QString &s : p.value(omit).split(u',', Qt::SkipEmptyParts)) {
        if (s.trimmed() == u"gaps")
            sections.gaps = false;
        else if (s.trimmed() == u"options")
            sections.allOptions = false;
        else {
            io.err << "report: --omit knows gaps and options, not \"" << escapeControls(s.trimmed())
                   << "\"\n";
            return ExitProblems;
        }
    }
    EngineOptions options;
    const auto clock = clockFrom(p, now, io);
    if (!clock) return ExitProblems;
    options.now = *clock;
    options.appetite = p.value(appetite);
    options.top = *k == ReportKind::Proposal ? 3 : 10;
    if (p.isSet(top)) {
        const auto n = topOption(QStringLiteral("report"), p.value(top), io);
        if (!n) return ExitProblems;
        options.top = *n;
    }
    std::optional<EngineProfile> userProfile;
    if (const auto stop = loadProfileOption(QStringLiteral("report"), p, profile, userProfile, io))
        return *stop;
    if (userProfile) options.profile = &*userProfile;

    const QStringList files = p.positionalArguments();
    if (files.size() != 1) {
        io.err << "report: name one case file (see --help)\n";
        return ExitProblems;
    }
    // The options mean what the window's settings mean, one by one; an option not given keeps the setting.
    AgencyInfo agency = AgencyInfo::fromSettings();
    if (p.isSet(agencyName)) agency.name = p.value(agencyName);
    if (p.isSet(agent)) agency.agent = p.value(agent);
    if (p.isSet(contact)) agency.contact = p.value(contact);
    if (p.isSet(logo)) {
        agency.logoFile = p.value(logo);
        if (const QString why = logoProblem(agency.logoFile); !why.isEmpty()) {
            io.err << "report: the logo " << escapeControls(agency.logoFile) << " cannot be read: " << why
                   << "\n";
            return ExitUnreadable;
        }
    }
    const QString file = files.first();
    const CaseFileResult f = readCaseFile(file);
    if (!f.root) {
        io.err << problemLine(file, f.problem) << "\n";
        return ExitUnreadable;
    }
    ReportPreparation prep = prepareReport(*f.root, options);
    for (const Problem &problem : prep.problems)
        io.err << problemLine(file, problem) << "\n";
    if (!prep.inputs) return ExitProblems;
    if (*k == ReportKind::Proposal)
        if (const QString shortfall = proposalOptionsShortfall(*prep.inputs); !shortfall.isEmpty())
            io.err << "report: " << shortfall << "\n";

    ReportJob job;
    job.inputs = std::move(*prep.inputs);
    job.kind = *k;
    job.format = *reportFormatFromName(fmt);
    job.agency = agency;
    job.sections = sections;
    const RenderedReport rendered = renderReport(
        job, job.format == ReportFormat::Pdf ? ReportProgress(PageProgress(io.err)) : ReportProgress());
    for (const QString &note : rendered.notes)
        io.err << "report: " << note << "\n";
    if (!rendered.error.isEmpty()) {
        io.err << "report: " << rendered.error << "\n";
        return ExitUnreadable;
    }
    const QString err = writeFileAtomically(p.value(output), rendered.bytes);
    if (!err.isEmpty()) {
        io.err << "report: " << escapeControls(err) << "\n";
        return ExitUnreadable;
    }
    return ExitOk;
}

} // namespace pw

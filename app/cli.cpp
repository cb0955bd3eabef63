// SPDX-License-Identifier: MIT
#include "cli.h"

namespace pw {

const std::vector<CliCommand> &cliCommands() {
    static const std::vector<CliCommand> commands = {
        {QStringLiteral("validate"), QStringLiteral("Check case files and list their problems"), runValidate},
        {QStringLiteral("rank"), QStringLiteral("Rank every complete package of a case"), runRank},
        {QStringLiteral("gaps"), QStringLiteral("Coverage gap analysis of a case's current coverage"),
         runGaps},
        {QStringLiteral("report"),
         QStringLiteral("Write the client proposal or underwriter report (PDF, HTML, CSV, JSON)"), runReport,
         true},
        {QStringLiteral("import"), QStringLiteral("Add offerings from a CSV/TSV or JSON file to a case"),
         runImport},
        {QStringLiteral("submit"), QStringLiteral("Submit a case to the Nexio API (--wait to follow it)"),
         runSubmit},
        {QStringLiteral("status"), QStringLiteral("Poll a remote run once (--wait to follow it)"), runStatus},
        {QStringLiteral("runs"),
         QStringLiteral("List stored remote runs (--resume to finish unfinished ones)"), runRuns},
        {QStringLiteral("library"),
         QStringLiteral(
             "Case library: list, search TEXT, import DIR, export ID -o FILE, versions ID, diff A B"),
         runLibrary},
    };
    return commands;
}

const CliCommand *findCliCommand(const QString &name) {
    for (const auto &c : cliCommands())
        if (c.name == name) return &c;
    return nullptr;
}

} // namespace pw

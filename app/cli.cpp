// SPDX-License-Identifier: MIT
#include "cli.h"

namespace pw {

const std::vector<CliCommand> &cliCommands()
{
    static const std::vector<CliCommand> commands = {
        {QStringLiteral("validate"), QStringLiteral("Check case files and list their problems"), runValidate},
        {QStringLiteral("rank"), QStringLiteral("Rank every complete package of a case"), runRank},
        {QStringLiteral("import"), QStringLiteral("Add offerings from a CSV/TSV or JSON file to a case"), runImport},
    };
    return commands;
}

const CliCommand *findCliCommand(const QString &name)
{
    for (const auto &c : cliCommands())
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace pw

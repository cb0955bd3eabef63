// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"

#include "engine/engine.h"
#include "engine/plainwords.h"
#include "io/casefile.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace pw {

namespace {

// The carrier as the case names it: provider_name when the case states one (even ""), else provider_id.
QString shortCarrier(const JsonValue &offering) {
    const JsonValue &name = offering[u"provider_name"];
    return name.isString() ? name.toString() : offering[u"provider_id"].toString();
}

// For the terminal: control, escape and bidirectional characters shown as escapes (util/displaytext.h).
QString safe(const JsonValue &v) {
    return escapeControls(v.toString());
}

// The carriers column keeps the table's columns aligned with short names: the fewest leading words of
// each carrier's name that tell it apart from every other carrier in the table ("Harborview" when the
// first word is enough; "Carrier 9" and "Carrier 19", "21st Century" and "21st Amendment" when it is not;
// the whole name when it is the start of another's), leading spaces skipped, escaped (the escapes are what
// the terminal shows), then cut on grapheme boundaries (a wide character or an emoji takes two columns)
// to 14 terminal columns for one word, 24 for more. A name with no word in it shows as "(no name)" — in
// the table only; JSON and CSV keep what the case says.
class CarrierNames {
public:
    // Each carrier's name in the table (shortCarrier of its offering), once or more.
    void add(const QString &name) {
        const QStringList w = words(name);
        if (!m_all.contains(w)) m_all << w;
    }
    QString shown(const QString &name) const {
        const QStringList w = words(name);
        if (w.isEmpty()) return QStringLiteral("(no name)");
        qsizetype k = 1;
        while (k < w.size() && !uniqueStart(w, k))
            ++k;
        return cutToWidth(escapeControls(w.mid(0, k).join(u' ')), k == 1 ? 14 : 24);
    }

private:
    static QStringList words(const QString &name) {
        QStringList w;
        qsizetype start = -1;
        for (qsizetype i = 0; i <= name.size(); ++i) {
            const bool space = i == name.size() || name.at(i).isSpace();
            if (!space && start < 0) start = i;
            if (space && start >= 0) {
                w << name.mid(start, i - start);
                start = -1;
            }
        }
        return w;
    }
    // No other carrier's name starts with the same first k words.
    bool uniqueStart(const QStringList &w, qsizetype k) const {
        for (const QStringList &other : m_all)
            if (other != w && other.size() >= k && std::equal(w.begin(), w.begin() + k, other.begin()))
                return false;
        return true;
    }
    QList<QStringList> m_all;
};

// The table and the CSV read the solutions one at a time from the staged run (each built when asked and
// dropped after its row is made), as `--format json` does: a long --top is never held whole (the whole run
// object had held 48 KB a solution, 483 MB at --top 10000 for a 1.2 MB table).
void printTable(const JsonValue &run, const RunSolutions *solutions, CliIo &io) {
    const JsonValue &analysis = run[u"output"][u"coverage_analysis"];
    auto printGaps = [&] {
        if (!analysis.isObject()) return;
        io.out << "\nCoverage gaps today (" << analysis[u"gaps"].size() << "):\n";
        for (const auto &g : analysis[u"gaps"].arrayItems())
            io.out << "  " << safe(g[u"severity"]).leftJustified(9) << safe(g[u"rule_id"]).leftJustified(34)
                   << safe(g[u"recommendation"]) << "\n";
        for (const auto &n : analysis[u"summary"][u"not_assessed"].arrayItems()) {
            QStringList missing;
            for (const auto &m : n[u"missing"].arrayItems())
                missing << safe(m);
            io.out << "  not assessed " << safe(n[u"rule_id"]) << ": missing "
                   << missing.join(QStringLiteral(", ")) << "\n";
        }
    };
    if (!run[u"output"].contains(u"solution_count")) {
        // A gap-only run (request_config asks for coverage analysis alone): no packages are ranked.
        io.out << "Gap analysis only: no packages ranked (request_config).\n";
        printGaps();
        return;
    }

    const JsonValue &out = run[u"output"];
    const size_t count = solutions ? solutions->size() : 0;
    io.out << QStringLiteral("%1 packages, %2 qualified; %3 offerings (%4 ignored, %5 filtered)\n")
                  .arg(countValueText(out[u"solution_count"]), countValueText(out[u"qualified_count"]),
                       countValueText(out[u"pool_size"]), countValueText(out[u"ignored"]),
                       countValueText(out[u"filtered"]));
    if (out[u"message"].isString()) io.out << safe(out[u"message"]) << "\n";
    if (count > 0) {
        // Cells first, so the carriers column is as wide as its widest cell (in terminal columns) and the
        // columns after it stay aligned whatever the names.
        struct Row {
            QString rank, label, carriers, cost, overall, levels;
            QStringList carrierNames; // each line's carrier, shortened once every carrier is known
        };
        std::vector<Row> rows;
        rows.reserve(count);
        CarrierNames names;
        for (size_t i = 0; i < count; ++i) {
            const JsonValue s = solutions->solution(i);
            QStringList carrierNames;
            for (const auto &o : s[u"offerings"].arrayItems()) {
                carrierNames << shortCarrier(o);
                names.add(carrierNames.back());
            }
            const double low = s[u"est_cost_low"].toDouble(), high = s[u"est_cost_high"].toDouble();
            const JsonValue &card = s[u"scorecard"];
            QStringList levels;
            for (const char *d : {"pricing", "coverage", "financial", "appetite", "placement", "service"})
                levels << safe(card[u"dimensions"][QString::fromLatin1(d)][u"level"]);
            Row row;
            row.rank = QString::fromLatin1(s[u"rank"].numberText()).rightJustified(3);
            row.label = (s[u"label_winner"].toBool() ? QStringLiteral("*") : QStringLiteral(" ")) +
                        safe(s[u"cluster_label"]);
            row.carrierNames = std::move(carrierNames);
            row.cost =
                low == high ? formatMoney(low) : formatMoney(low) + QStringLiteral("–") + formatMoney(high);
            row.overall = safe(card[u"overall_level"]) + QStringLiteral(" ") +
                          QString::fromLatin1(card[u"overall_score"].numberText()) +
                          (card[u"qualified"].toBool() ? QString() : QStringLiteral("!"));
            row.levels = levels.join(QStringLiteral("  "));
            rows.push_back(std::move(row));
        }
        int carriersWidth = 36;
        for (Row &row : rows) {
            QStringList carriers;
            for (const QString &name : row.carrierNames)
                carriers << names.shown(name);
            row.carriers = carriers.join(QStringLiteral(" / "));
            carriersWidth = std::max(carriersWidth, displayWidth(row.carriers));
        }
        // One arg() call with every cell: case text holding "%1" is never taken for a placeholder.
        const auto line = [&](const Row &r) {
            return QStringLiteral("%1  %2 %3 %4 %5 %6\n")
                .arg(r.rank, padToWidth(r.label, 16), padToWidth(r.carriers, carriersWidth),
                     padToWidth(r.cost, 20), padToWidth(r.overall, 11), r.levels);
        };
        io.out << line({QStringLiteral("  #"),
                        QStringLiteral("label"),
                        QStringLiteral("carriers (per line)"),
                        QStringLiteral("cost"),
                        QStringLiteral("overall"),
                        QStringLiteral("pri cov fin app pla ser"),
                        {}});
        for (const Row &r : rows)
            io.out << line(r);
    }
    const auto &filtered = out[u"filtered_offerings"].arrayItems();
    if (!filtered.empty()) {
        io.out << "\nFiltered offerings:\n";
        for (const auto &f : filtered)
            io.out << "  " << safe(f[u"id"]) << " (" << escapeControls(shortCarrier(f)) << ", "
                   << safe(f[u"category"]) << "): " << safe(f[u"reason"]) << " — " << safe(f[u"detail"])
                   << "\n";
    }
    const auto &ignored = out[u"ignored_offerings"].arrayItems();
    if (!ignored.empty()) {
        io.out << "\nIgnored offerings (line not requested):\n";
        for (const auto &f : ignored)
            io.out << "  " << safe(f[u"id"]) << " (" << safe(f[u"category"]) << ")\n";
    }
    printGaps();
}

void printCsv(const RunSolutions *solutions, CliIo &io) {
    io.out << "rank,cluster_label,label_winner,offering_ids,carriers,est_cost_low,est_cost_high,cost_mid,"
              "change_vs_current,overall_score,overall_level,qualified,pricing,coverage,financial,appetite,"
              "placement,"
              "service\n";
    const size_t count = solutions ? solutions->size() : 0;
    for (size_t i = 0; i < count; ++i) {
        const JsonValue s = solutions->solution(i);
        QStringList ids, carriers;
        for (const auto &o : s[u"offerings"].arrayItems()) {
            ids << o[u"id"].toString();
            carriers << shortCarrier(o);
        }
        const JsonValue &card = s[u"scorecard"];
        // Text cells go through csvField (quoting, formula neutralisation); numbers are our own
        // JSON number texts and are written as they are (a negative change must stay a number).
        auto number = [](const JsonValue &v) { return QString::fromLatin1(v.numberText()); };
        QStringList row = {number(s[u"rank"]),
                           csvField(s[u"cluster_label"].toString()),
                           s[u"label_winner"].toBool() ? QStringLiteral("true") : QStringLiteral("false"),
                           csvField(ids.join(u';')),
                           csvField(carriers.join(u';')),
                           number(s[u"est_cost_low"]),
                           number(s[u"est_cost_high"]),
                           number(s[u"cost_mid"]),
                           number(s[u"change_vs_current"]),
                           number(card[u"overall_score"]),
                           csvField(card[u"overall_level"].toString()),
                           card[u"qualified"].toBool() ? QStringLiteral("true") : QStringLiteral("false")};
        for (const char *d : {"pricing", "coverage", "financial", "appetite", "placement", "service"})
            row << number(card[u"dimensions"][QString::fromLatin1(d)][u"score"]);
        io.out << row.join(u',') << "\n";
    }
}

void printProblems(const QString &file, const Problems &problems, QTextStream &s, bool errorsOnly) {
    for (const Problem &p : problems)
        if (!errorsOnly || p.isError()) s << problemLine(file, p) << "\n";
}

QStringList batchFiles(const QStringList &args) {
    QStringList files;
    for (const QString &a : args) {
        if (QFileInfo(a).isDir()) {
            QStringList found;
            QDirIterator it(a, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                found << it.next();
            found.sort();
            files << found;
        } else {
            files << a;
        }
    }
    return files;
}

// One case of a batch as its JSON line, and the exit code it asks for.
std::pair<QByteArray, int> batchLine(const QString &file, const EngineOptions &options) {
    JsonValue line = JsonValue::object();
    line.insert(QStringLiteral("file"), file);
    int exit = ExitOk;
    const CaseFileResult f = readCaseFile(file);
    if (!f.root) {
        // A file that cannot be read or parsed (exit 2), as opposed to a case with validation errors.
        line.insert(QStringLiteral("status"), QStringLiteral("unreadable"));
        line.insert(QStringLiteral("problems"), problemsToJson({f.problem}));
        exit = ExitUnreadable;
    } else {
        const EngineRun r = runEngine(*f.root, options);
        if (!r.ok()) {
            line.insert(QStringLiteral("status"), QStringLiteral("invalid"));
            line.insert(QStringLiteral("problems"), problemsToJson(r.problems));
            exit = ExitProblems;
        } else {
            line.insert(QStringLiteral("status"), QStringLiteral("ranked"));
            line.insert(QStringLiteral("run"), *r.run);
        }
    }
    QByteArray bytes = writeJson(line, -1);
    bytes.append('\n');
    return {bytes, exit};
}

// Cases are ranked on every core; lines come out in the order of the files, each written as soon as it
// and every line before it are done (the workers never wait for the output). Workers run at most
// kWindow cases ahead of the output, which bounds memory on very large batches.
int runBatch(const QStringList &files, const EngineOptions &options, CliIo &io) {
    constexpr qsizetype kWindow = 256;
    const qsizetype total = files.size();
    std::vector<std::optional<std::pair<QByteArray, int>>> done{size_t(total)};
    std::mutex mutex;
    std::condition_variable ready, room;
    qsizetype next = 0, written = 0;
    auto work = [&] {
        while (true) {
            qsizetype i;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] { return next >= total || next < written + kWindow; });
                if (next >= total) return;
                i = next++;
            }
            auto line = batchLine(files[i], options);
            {
                std::lock_guard lock(mutex);
                done[size_t(i)] = std::move(line);
            }
            ready.notify_one();
        }
    };
    std::vector<std::thread> workers;
    const int threads = std::max(1, std::min(QThread::idealThreadCount(), int(total)));
    for (int t = 0; t < threads; ++t)
        workers.emplace_back(work);
    int exit = ExitOk;
    for (qsizetype i = 0; i < total; ++i) {
        std::pair<QByteArray, int> line;
        {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return done[size_t(i)].has_value(); });
            line = std::move(*done[size_t(i)]);
            done[size_t(i)].reset();
            written = i + 1;
        }
        room.notify_all();
        writeBytes(io, line.first);
        exit = std::max(exit, line.second);
    }
    for (auto &w : workers)
        w.join();
    io.out.flush();
    return exit;
}

// `rank --format json`: the bytes writeJson gives for the whole run object, written one solution at a
// time (a long --top is never held whole: each solution is built, encoded, written and dropped). Each
// solution sits two levels deep; JSON text has no raw line breaks inside strings, so indenting every
// line of its own encoding by four spaces gives the nested form exactly.
bool writeRunStreaming(const StagedRun &r, CliIo &io) {
    QByteArray head = writeJson(*r.run);
    const size_t n = r.solutions ? r.solutions->size() : 0;
    if (n == 0) return writeBytes(io, head);
    static const QByteArray emptyEnd = QByteArrayLiteral("[]\n}\n");
    if (!head.endsWith(emptyEnd)) { // another encoder's shape: the whole run at once
        JsonValue run = *r.run, solutions = JsonValue::array();
        for (size_t i = 0; i < n; ++i)
            solutions.append(r.solutions->solution(i));
        run.insert(QStringLiteral("solutions"), solutions);
        return writeBytes(io, writeJson(run));
    }
    head.chop(emptyEnd.size());
    head.append("[\n");
    if (!writeBytes(io, head)) return false;
    for (size_t i = 0; i < n; ++i) {
        const QByteArray encoded = writeJson(r.solutions->solution(i));
        // Indented in one pass (QByteArray::replace of a byte by several shifts the rest at each match,
        // a third of a long --top's time); the trailing line break is dropped.
        const qsizetype end = encoded.endsWith('\n') ? encoded.size() - 1 : encoded.size();
        QByteArray bytes;
        bytes.reserve(end + end / 8 + 8);
        bytes.append("    ");
        qsizetype from = 0;
        for (qsizetype nl = encoded.indexOf('\n'); nl >= 0 && nl < end; nl = encoded.indexOf('\n', from)) {
            bytes.append(encoded.constData() + from, nl + 1 - from);
            bytes.append("    ");
            from = nl + 1;
        }
        bytes.append(encoded.constData() + from, end - from);
        bytes.append(i + 1 < n ? ",\n" : "\n");
        if (!writeBytes(io, bytes)) return false;
    }
    return writeBytes(io, QByteArrayLiteral("  ]\n}\n"));
}

} // namespace

int runRank(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Ranks every complete package of a case (engine.md).\n"
                       "Exit 0 with a result (zero packages included), 1 on validation "
                       "errors, 2 when a file cannot be read or parsed (malformed JSON; with --batch such a\n"
                       "case's line has status \"unreadable\")."));
    p.addPositionalArgument(QStringLiteral("CASE"),
                            QStringLiteral("Case file (with --batch: files or folders)."),
                            QStringLiteral("CASE..."));
    const QCommandLineOption appetite(QStringLiteral("appetite"), QStringLiteral("Appetite bucket override."),
                                      QStringLiteral("BUCKET"));
    const QCommandLineOption top(QStringLiteral("top"),
                                 QStringLiteral("How many solutions to return: 1 to 10000 (default 10)."),
                                 QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Engine profile merged over the bundled one."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("Clock (RFC 3339)."),
                                 QStringLiteral("TIME"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("table (default), json or csv."),
                                    QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Rank many cases; one JSON line per case."));
    p.addOptions({appetite, top, profile, now, format, batch});
    p.addHelpOption();
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    EngineOptions options;
    const auto clock = clockFrom(p, now, io);
    if (!clock) return ExitProblems;
    options.now = *clock;
    options.appetite = p.value(appetite);
    const auto n = topOption(QStringLiteral("rank"), p.value(top), io);
    if (!n) return ExitProblems;
    options.top = *n;
    std::optional<EngineProfile> userProfile;
    if (const auto stop = loadProfileOption(QStringLiteral("rank"), p, profile, userProfile, io))
        return *stop;
    if (userProfile) options.profile = &*userProfile;
    const QString fmt = p.value(format);
    if (!checkFormat(QStringLiteral("rank"), fmt,
                     {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")}, io))
        return ExitProblems;
    const QStringList files = p.positionalArguments();
    if (files.isEmpty()) {
        io.err << "rank: name a case file (see --help)\n";
        return ExitProblems;
    }
    if (p.isSet(batch)) return runBatch(batchFiles(files), options, io);
    if (files.size() > 1) {
        io.err << "rank: one case at a time (use --batch for many)\n";
        return ExitProblems;
    }
    const QString file = files.first();
    const CaseFileResult f = readCaseFile(file);
    if (!f.root) {
        printProblems(file, {f.problem}, io.err, false);
        return ExitUnreadable;
    }
    if (fmt == u"json") {
        const StagedRun r = runEngineStaged(*f.root, options);
        printProblems(file, r.problems, io.err, false); // errors, or warnings
        if (!r.ok()) return ExitProblems;
        writeRunStreaming(r, io);
        return ExitOk;
    }
    const StagedRun r = runEngineStaged(*f.root, options);
    printProblems(file, r.problems, io.err, false); // errors, or warnings
    if (!r.ok()) return ExitProblems;
    if (fmt == u"csv")
        printCsv(r.solutions.get(), io);
    else
        printTable(*r.run, r.solutions.get(), io);
    return ExitOk;
}

} // namespace pw

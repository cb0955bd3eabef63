// SPDX-License-Identifier: MIT
#include "helpcontent.h"

#include "engine/plainwords.h"
#include "engine/profile.h"
#include "fieldformat.h"
#include "util/numbers.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QObject>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace pw {

namespace {

QString tr(const char *s) {
    return QObject::tr(s);
}

QString num(double v) {
    return formatNumber(v, std::abs(v - std::round(v)) > 1e-9 ? 2 : 0);
}

QString points(double v) {
    return v > 0 ? QStringLiteral("+") + num(v) : v < 0 ? QStringLiteral("−") + num(-v) : QStringLiteral("0");
}

QString pct(double fraction) {
    return num(fraction * 100) + QStringLiteral(" %");
}

QString row(const QStringList &cells, bool head = false) {
    const QString tag = head ? QStringLiteral("th") : QStringLiteral("td");
    QString out = QStringLiteral("<tr>");
    for (const QString &c : cells)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, c);
    return out + QStringLiteral("</tr>");
}

QString gradeList(const std::map<QString, GradeEntry> &grades) {
    // Grades grouped by score, best first: "A++, A+ 100 · A, A- 80 · … B, B- 20 ⛔".
    std::map<double, std::pair<QStringList, bool>, std::greater<>> byScore;
    for (const auto &[grade, entry] : grades) {
        auto &slot = byScore[entry.score];
        slot.first << grade.toHtmlEscaped();
        slot.second = slot.second || entry.blocks;
    }
    QStringList parts;
    for (const auto &[score, slot] : byScore)
        parts << QStringLiteral("%1 → %2%3")
                     .arg(slot.first.join(QStringLiteral(", ")), num(score),
                          slot.second ? QStringLiteral(" ⛔") : QString());
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QString readingResultsHtml(const EngineProfile &p) {
    QString h;
    h += tr("<h2>Reading the results</h2>"
            "<p>Every package takes one offering per requested line. The engine scores it on six dimensions "
            "from 0 to 100, weighs them by the client's appetite and ranks qualified packages first, then by "
            "overall score, then by cost.</p>");

    h += tr("<h3>Levels</h3><table border='1' cellspacing='0' cellpadding='3'>");
    h += row({tr("Level"), tr("Score"), tr("Reads as")}, true);
    h += row({QStringLiteral("L1"), tr("%1 or more").arg(num(p.levelL1)), tr("strong")});
    h += row({QStringLiteral("L2"), tr("%1 to under %2").arg(num(p.levelL2), num(p.levelL1)), tr("good")});
    h += row({QStringLiteral("L3"), tr("%1 to under %2").arg(num(p.levelL3), num(p.levelL2)), tr("weak")});
    h += row({QStringLiteral("L4"), tr("under %1, or disqualified").arg(num(p.levelL3)), tr("poor")});
    h += QStringLiteral("</table>");
    h += tr("<p>A ⛔ reason disqualifies the package and caps that dimension at %1; disqualified packages are "
            "greyed, their overall level is L4 and they rank after every qualified one.</p>")
             .arg(num(p.blockedCap));

    h +=
        tr("<h3>The six dimensions and their weights</h3><table border='1' cellspacing='0' cellpadding='3'>");
    QStringList head{tr("Dimension")};
    for (const QString &b : p.bucketOrder)
        head << labelWords(b).toHtmlEscaped() + (b == p.defaultBucket ? tr(" (default)") : QString());
    h += row(head, true);
    for (size_t i = 0; i < kDimensions.size(); ++i) {
        QStringList cells{dimensionHeading(dimensionName(kDimensions[i]))};
        for (const QString &b : p.bucketOrder)
            cells << num(p.weights.at(b)[i]);
        h += row(cells);
    }
    h += QStringLiteral("</table>");
    h += tr("<p>Overall score = Σ weight × dimension score; the Scorecard tab shows each contribution and "
            "they add up to the overall score shown.</p>");

    h += tr("<h3>How each dimension is scored</h3><dl>");
    h += tr("<dt><b>Price</b></dt><dd>Against the cheapest qualified package (mid estimate): %1 points for "
            "every 1 % dearer. A broken bundle adds %2 to the lines that lose their package price, an "
            "indicative rate %3; the cost shows as a range.</dd>")
             .arg(points(-p.pricingSlope / 100), pct(p.bundleBreakUplift), pct(p.indicativeUplift));
    QStringList dwelling;
    for (const auto &[ratio, pts] : p.dwellingTiers)
        dwelling << tr("%1 of replacement cost or more: %2").arg(pct(ratio), points(pts));
    dwelling << tr("below: %1 ⛔").arg(points(p.dwellingBelowPoints));
    h += tr("<dt><b>Coverage</b></dt><dd>Each line starts at %1; the score is the lines' average with the "
            "weakest line counted twice. Home: dwelling %2; actual cash value settlement %3; liability under "
            "%4 %5; no water backup %6; deductible above %7 % of the dwelling %8. Auto: bodily injury "
            "%9/%10 or more is full, %11/%12 or more %13, less %14; uninsured motorist below bodily injury "
            "%15; no collision or comprehensive on a vehicle up to %16 years old %17. Umbrella: limit under "
            "%18 %19; underlying limits below the umbrella's requirement ⛔. A rule whose input is not stated "
            "costs its \"not stated\" points instead (for example %20 for an unstated dwelling limit).</dd>")
             .arg(num(p.lineStart), dwelling.join(QStringLiteral(", ")), points(p.settlementAcvPoints),
                  formatMoney(p.homeLiabilityMinimum), points(p.homeLiabilityPoints),
                  points(p.waterBackupPoints), num(p.deductibleMaxPct), points(p.deductiblePoints))
             .arg(formatMoney(p.biFullPerPerson), formatMoney(p.biFullPerAccident),
                  formatMoney(p.biMidPerPerson), formatMoney(p.biMidPerAccident), points(p.biMidPoints),
                  points(p.biLowPoints), points(p.umPoints), num(p.physicalRecentYears),
                  points(p.physicalPoints))
             .arg(formatMoney(p.umbrellaMinimum), points(p.umbrellaPoints), points(p.dwellingNotStated));
    h += tr("<dt><b>Financial strength</b></dt><dd>The lowest carrier grade in the package. AM Best: %1. "
            "Demotech: %2. Not rated or not stated: %3.</dd>")
             .arg(gradeList(p.amBest), gradeList(p.demotech), num(p.notRated));
    h += tr("<dt><b>Carrier appetite</b></dt><dd>Starts at %1: a business type the carrier avoids %2; a "
            "premium-tier auto with a driver who has violations or accidents %3; not bindable %4; a quote "
            "older than %5 days %6; a non-renewal by the carrier within %7 years ⛔.</dd>")
             .arg(num(p.appetiteStart), points(p.avoidedNaics), points(p.premiumAutoIncidents),
                  points(p.notBindable), num(p.staleQuoteDays), points(p.staleQuote), num(p.nonRenewalYears));
    QStringList carriers;
    for (size_t i = 0; i < p.placementByCarriers.size(); ++i)
        carriers << tr("%1: %2").arg(countText(qint64(i + 1), tr("carrier")), num(p.placementByCarriers[i]));
    h += tr("<dt><b>Placement</b></dt><dd>Fewer carriers are simpler to place: %1; %2 for each line beyond "
            "the "
            "first in an intact bundle; at most %3.</dd>")
             .arg(carriers.join(QStringLiteral(", ")), points(p.bundleLineBonus), num(p.placementCap));
    h += tr("<dt><b>Service</b></dt><dd>%1, or %2 × the carriers' service rating (0–5) where stated; %3 per "
            "line that stays with today's carrier (at most %4); %5 per renewal to manage beyond the first."
            "</dd></dl>")
             .arg(num(p.serviceBase), num(p.serviceRatingFactor), points(p.serviceIncumbent),
                  num(p.serviceCap), points(p.renewalPenalty));

    h += tr(
        "<h3>Labels</h3><p>★ marks the package that wins a label, chosen in this order: <b>recommended</b> "
        "(rank 1); <b>best value</b> (the cheapest with coverage at L1 or L2); <b>best coverage</b> (the "
        "highest coverage score); <b>simplest</b> (the fewest carriers). Every other package shows its "
        "strongest side in words, without the star.</p>");
    h += tr(
        "<h3>Not stated, none and $0</h3><p><i>not stated</i> (grey italic): the case or the quote does not "
        "say; the engine never reads it as none, and rules that need it cost their \"not stated\" points "
        "or are listed as not assessed. <b>None</b>: stated as not carried (a collision deductible of "
        "\"none\" means no collision coverage). <b>$0</b>: stated as zero, which for a deductible is the "
        "best there is and for a limit means nothing is paid. Water backup and flood are endorsements: "
        "absent means none.</p>");
    h += tr("<h3>Gaps</h3><p>The gap analysis reads today's coverage: each gap has a severity and a "
            "recommendation, and every package says how many of today's gaps it closes, which it leaves "
            "open and which it opens.</p>");
    return h;
}

QString shortcutSheetHtml(const QWidget *window) {
    QString h = QObject::tr("<h2>Keyboard shortcuts</h2><table cellspacing='0' cellpadding='3'>");
    QList<const QAction *> listed;
    auto name = [](const QAction *a) {
        QString t = a->text();
        t.remove(u'&');
        return t.toHtmlEscaped();
    };
    auto keys = [](const QAction *a) {
        QStringList out;
        for (const QKeySequence &k : a->shortcuts())
            out << k.toString(QKeySequence::NativeText).toHtmlEscaped();
        return out.join(QStringLiteral(", "));
    };
    std::function<void(const QMenu *, QStringList &)> walk = [&](const QMenu *menu, QStringList &rows) {
        for (const QAction *a : menu->actions()) {
            if (a->menu()) {
                walk(a->menu(), rows);
                continue;
            }
            if (a->shortcuts().isEmpty() || a->isSeparator() || listed.contains(a)) continue;
            listed << a;
            rows << row({name(a), QStringLiteral("<b>%1</b>").arg(keys(a))});
        }
    };
    if (const auto *mw = qobject_cast<const QMainWindow *>(window); mw && mw->menuBar()) {
        for (const QAction *top : mw->menuBar()->actions()) {
            if (!top->menu()) continue;
            QStringList rows;
            walk(top->menu(), rows);
            if (rows.isEmpty()) continue;
            h += QStringLiteral("<tr><th colspan='2' align='left'>%1</th></tr>").arg(name(top)) +
                 rows.join(QString());
        }
    }
    QStringList other;
    for (const QAction *a : window->findChildren<QAction *>()) {
        if (a->shortcuts().isEmpty() || listed.contains(a) || a->text().isEmpty()) continue;
        listed << a;
        other << row({name(a), QStringLiteral("<b>%1</b>").arg(keys(a))});
    }
    if (!other.isEmpty())
        h += QStringLiteral("<tr><th colspan='2' align='left'>%1</th></tr>").arg(QObject::tr("Elsewhere")) +
             other.join(QString());
    return h + QStringLiteral("</table>");
}

void showHelpPage(QWidget *parent, const QString &objectName, const QString &title, const QString &html) {
    auto *dialog = parent->findChild<QDialog *>(objectName, Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new QDialog(parent);
        dialog->setObjectName(objectName);
        dialog->resize(680, 560);
        auto *layout = new QVBoxLayout(dialog);
        auto *browser = new QTextBrowser(dialog);
        browser->setObjectName(objectName + QStringLiteral("Text"));
        browser->setOpenLinks(false);
        layout->addWidget(browser);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::hide);
        layout->addWidget(buttons);
    }
    dialog->setWindowTitle(title);
    dialog->findChild<QTextBrowser *>()->setHtml(html);
    dialog->show();
    dialog->raise();
}

} // namespace pw

// SPDX-License-Identifier: MIT
#include "scorecardinspector.h"
#include "backgroundwork.h"
#include "plaintext.h"

#include "engine/plainwords.h"
#include "fieldformat.h"
#include "solutionutil.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QHeaderView>

namespace pw {

ScorecardInspector::ScorecardInspector(QWidget *parent)
    : QTreeWidget(parent) {
    setObjectName(QStringLiteral("scorecardInspector"));
    setColumnCount(6);
    setHeaderLabels(
        {tr("Dimension / reason"), tr("Score"), tr("Level"), tr("Weight"), tr("Contribution"), tr("Points")});
    headerItem()->setToolTip(3,
                             tr("Weight of the dimension in the appetite bucket (or your custom weights)"));
    headerItem()->setToolTip(4, tr("Weight × score; the contributions add up to the overall score"));
    headerItem()->setToolTip(5, tr("Effect of a reason on the dimension's score"));
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 6; ++c)
        header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
}

void ScorecardInspector::setSolution(const JsonValue &solution, const JsonValue &output) {
    clear();
    m_sum = 0;
    if (!solution.isObject()) {
        auto *empty =
            new QTreeWidgetItem(this, {tr("Select a package in the ranking to inspect its scorecard")});
        empty->setForeground(0, QColor(0x75, 0x75, 0x75));
        return;
    }
    const JsonValue &card = solution[u"scorecard"];
    for (const QString &dim : dimensionKeys()) {
        const JsonValue &d = card[u"dimensions"][dim];
        const double score = d[u"score"].toDouble();
        const double weight = d[u"weight"].toDouble();
        const double contribution = roundHalfAway(weight * score, 2);
        m_sum += weight * score;
        auto *item = new QTreeWidgetItem(this);
        item->setText(0,
                      dimensionHeading(dim) + (d[u"blocked"].toBool() ? QStringLiteral("  ⛔") : QString()));
        item->setToolTip(0, dimensionTooltip(dim));
        item->setText(1, formatNumber(score, 2));
        const QString level = d[u"level"].toString();
        item->setText(2, level);
        item->setToolTip(2, levelTooltip(level));
        item->setForeground(2, QColor(levelColorName(level)));
        QFont bold = item->font(2);
        bold.setBold(true);
        item->setFont(2, bold);
        item->setText(3, QStringLiteral("× %1").arg(formatNumber(weight, 2)));
        item->setText(4, QStringLiteral("= %1").arg(formatNumber(contribution, 2)));
        for (int c = 1; c < 6; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        // Blockers first, in the engine's order otherwise.
        std::vector<JsonValue> reasons = d[u"reasons"].arrayItems();
        std::stable_partition(reasons.begin(), reasons.end(),
                              [](const JsonValue &r) { return r[u"blocker"].toBool(); });
        for (const JsonValue &r : reasons) {
            auto *ri = new QTreeWidgetItem(item);
            const bool blocker = r[u"blocker"].toBool();
            ri->setText(0, (blocker ? QStringLiteral("⛔ ") : QString()) + r[u"text"].toString());
            ri->setToolTip(
                0, plainToolTip(r[u"code"].toString() + QStringLiteral(": ") + r[u"text"].toString()));
            const double pts = r[u"points"].toDouble();
            ri->setText(5, pts == 0 ? QStringLiteral("0")
                                    : (pts > 0 ? QStringLiteral("+") : QString()) + formatNumber(pts, 2));
            ri->setTextAlignment(5, Qt::AlignRight | Qt::AlignVCenter);
            if (blocker) ri->setForeground(0, QColor(0xc6, 0x28, 0x28));
        }
        item->setExpanded(d[u"blocked"].toBool());
    }
    auto *total = new QTreeWidgetItem(this);
    const double overall = card[u"overall_score"].toDouble();
    total->setText(0, card[u"qualified"].toBool(true)
                          ? tr("Overall (Σ contributions)")
                          : tr("Overall (Σ contributions) — disqualified, ranked after qualified packages"));
    total->setText(1, formatNumber(overall, 2));
    total->setText(2, card[u"overall_level"].toString());
    total->setForeground(2, QColor(levelColorName(card[u"overall_level"].toString())));
    total->setText(4, QStringLiteral("= %1").arg(formatNumber(roundHalfAway(m_sum, 2), 2)));
    for (int c = 1; c < 6; ++c)
        total->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    QFont f = total->font(0);
    f.setBold(true);
    for (int c = 0; c < 6; ++c)
        total->setFont(c, f);

    const JsonValue &filtered = output[u"filtered_offerings"];
    auto *fg =
        new QTreeWidgetItem(this, {tr("Filtered out: %1").arg(countText(filtered.size(), tr("offering")))});
    fg->setToolTip(0, tr("Offerings the engine removed before building packages, with the reason"));
    for (const auto &f2 : filtered.arrayItems()) {
        auto *fi = new QTreeWidgetItem(fg);
        // Words for the reason; the code and the offering id for underwriters in the tooltip.
        const JsonValue offering = offeringById(f2[u"id"].toString());
        fi->setText(0, QStringLiteral("⊘ %1 · %2 — %3")
                           .arg(escapeControls(f2[u"provider_name"].toString()),
                                lineWords(f2[u"category"].toString()),
                                filterReasonText(f2[u"reason"].toString(), offering, m_state, m_today)));
        fi->setToolTip(0, plainToolTip(QStringLiteral("%1\n%2 · %3")
                                           .arg(f2[u"detail"].toString(), f2[u"reason"].toString(),
                                                f2[u"id"].toString())));
    }
    fg->setExpanded(true);
}

} // namespace pw

namespace pw {

ScorecardInspector::~ScorecardInspector() {
    releaseInBackground(std::move(m_case));
}

void ScorecardInspector::setCase(const JsonValue &caseRoot, const QDate &today) {
    releaseInBackground(std::exchange(m_case, caseRoot)); // the case replaced may be large
    m_today = today;
    m_state = caseRoot[u"input"][u"address"][u"state"].toString();
}

JsonValue ScorecardInspector::offeringById(const QString &id) const {
    for (const auto &o : m_case[u"offerings"].arrayItems())
        if (o[u"id"].toString() == id) return o;
    return {};
}

} // namespace pw

// SPDX-License-Identifier: MIT
#include "coveragefields.h"

#include <QObject>

namespace pw {

std::vector<FieldSpec> coverageFields(const QString &line)
{
    using K = FieldKind;
    auto tr = [](const char *s) { return QObject::tr(s); };
    if (line == u"home")
        return {
            {QStringLiteral("dwelling_limit"), tr("Dwelling (Cov A)"), K::Money, tr("Coverage A: the dwelling limit"), {}, {}},
            {QStringLiteral("other_structures_limit"), tr("Other structures (B)"), K::Money, tr("Coverage B: detached structures"), {}, {}},
            {QStringLiteral("personal_property_limit"), tr("Personal property (C)"), K::Money, tr("Coverage C: contents"), {}, {}},
            {QStringLiteral("loss_of_use_limit"), tr("Loss of use (D)"), K::Money, tr("Coverage D: additional living expense"), {}, {}},
            {QStringLiteral("liability_limit"), tr("Liability (E)"), K::Money, tr("Coverage E: personal liability; below $300,000 costs points"), {}, {}},
            {QStringLiteral("medical_payments_limit"), tr("Medical payments (F)"), K::Money, tr("Coverage F: medical payments to others"), {}, {}},
            {QStringLiteral("deductible"), tr("Deductible (AOP)"), K::MoneyOrPercent,
             tr("All-other-perils deductible: an amount, or a percentage of the dwelling limit such as 1%"), {}, {}},
            {QStringLiteral("wind_hail_deductible"), tr("Wind/hail deductible"), K::MoneyOrPercent,
             tr("Wind and hail deductible: an amount, or a percentage of the dwelling limit such as 2%"), {}, {}},
            {QStringLiteral("settlement"), tr("Settlement"), K::Choice,
             tr("How a dwelling loss is settled; ACV = actual cash value (depreciated), RC = replacement cost"),
             {{QStringLiteral("actual_cash_value"), tr("Actual cash value (ACV)")},
              {QStringLiteral("replacement_cost"), tr("Replacement cost (RC)")},
              {QStringLiteral("extended_replacement_cost"), tr("Extended replacement cost")},
              {QStringLiteral("guaranteed_replacement_cost"), tr("Guaranteed replacement cost")}},
             {}},
            {QStringLiteral("extended_replacement_pct"), tr("Extended replacement"), K::Number,
             tr("Extra percentage above the dwelling limit for extended replacement cost"), {}, QStringLiteral("%")},
            {QStringLiteral("water_backup_limit"), tr("Water backup"), K::Money, tr("Water/sewer backup endorsement limit; absent means none"), {}, {}},
            {QStringLiteral("flood_limit"), tr("Flood"), K::Money, tr("Flood coverage limit; absent means none"), {}, {}},
        };
    if (line == u"auto")
        return {
            {QStringLiteral("bi_per_person"), tr("BI per person"), K::SplitOrMoney,
             tr("Bodily injury liability per person; a split such as 100/300/100 (thousands) fills BI and PD"), {}, {}},
            {QStringLiteral("bi_per_accident"), tr("BI per accident"), K::Money, tr("Bodily injury liability per accident"), {}, {}},
            {QStringLiteral("pd_per_accident"), tr("PD per accident"), K::Money, tr("Property damage liability per accident"), {}, {}},
            {QStringLiteral("limit_combined_single"), tr("CSL"), K::Money, tr("Combined single limit (instead of split BI/PD limits)"), {}, {}},
            {QStringLiteral("um_per_person"), tr("UM per person"), K::SplitOrMoney,
             tr("Uninsured/underinsured motorist per person; a split such as 100/300 fills both"), {}, {}},
            {QStringLiteral("um_per_accident"), tr("UM per accident"), K::Money, tr("Uninsured/underinsured motorist per accident"), {}, {}},
            {QStringLiteral("medical_payments"), tr("Med pay"), K::Money, tr("Medical payments coverage"), {}, {}},
            {QStringLiteral("pip"), tr("PIP"), K::Money, tr("Personal injury protection (no-fault states)"), {}, {}},
            {QStringLiteral("comprehensive_deductible"), tr("Comprehensive ded."), K::MoneyOrNone,
             tr("Comprehensive (other than collision) deductible; \"none\" when not carried"), {}, {}},
            {QStringLiteral("collision_deductible"), tr("Collision ded."), K::MoneyOrNone,
             tr("Collision deductible; \"none\" when not carried"), {}, {}},
            {QStringLiteral("deductible_default"), tr("Default deductible"), K::Money, tr("Deductible when no other applies"), {}, {}},
        };
    if (line == u"umbrella")
        return {
            {QStringLiteral("umbrella_limit"), tr("Umbrella limit"), K::Money, tr("Personal umbrella limit; below $1,000,000 costs points"), {}, {}},
            {QStringLiteral("retained_limit"), tr("Retained limit (SIR)"), K::Money, tr("Self-insured retention"), {}, {}},
            {QStringLiteral("required_underlying.auto_bi_per_person"), tr("Req. auto BI/person"), K::Money,
             tr("Required underlying auto bodily injury per person"), {}, {}},
            {QStringLiteral("required_underlying.auto_bi_per_accident"), tr("Req. auto BI/accident"), K::Money,
             tr("Required underlying auto bodily injury per accident"), {}, {}},
            {QStringLiteral("required_underlying.auto_csl"), tr("Req. auto CSL"), K::Money,
             tr("Required underlying auto combined single limit"), {}, {}},
            {QStringLiteral("required_underlying.home_liability"), tr("Req. home liability"), K::Money,
             tr("Required underlying home liability"), {}, {}},
        };
    if (line == u"flood")
        return {{QStringLiteral("flood_limit"), tr("Flood limit"), K::Money, tr("Flood policy building limit"), {}, {}}};
    return {};
}

bool higherIsBetter(const QString &key)
{
    return !(key.contains(QStringLiteral("deductible")) || key == u"retained_limit" || key.startsWith(QStringLiteral("required_")));
}

} // namespace pw

// SPDX-License-Identifier: MIT
#include "offeringcolumns.h"

#include "io/problem.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace pw {

namespace {

QString shortNumber(double v) {
    return QString::fromLatin1(shortestNumberText(v));
}

// A number under the file's convention. A number that reads two ways ("1,790": 1790 or 1.79) is refused
// when the file does not say which convention it uses, and also when the file's convention would read its
// one mark as the decimal mark: a mark before exactly three digits is, far more often, a thousands
// separator written in the other convention ("1,790" in a file whose "2,5%" says decimal comma), so
// neither reading can be trusted. Read as grouping ("1.790" in a decimal-comma file), it agrees with the
// convention and is kept.
std::optional<double> readNumber(const QString &t, const CellContext &ctx, bool *pct, QString *error,
                                 const QString &what) {
    if (numberShape(t) == NumberShape::Either) {
        const auto p = parseNumberText(t, DecimalMark::Point);
        const auto c = parseNumberText(t, DecimalMark::Comma);
        if (!ctx.markDecided) {
            *error =
                QStringLiteral("\"%1\" reads two ways (%2 with a decimal point, %3 with a decimal comma) "
                               "and nothing in the file says which; write %2 or %3 without grouping")
                    .arg(excerpt(t, 40), shortNumber(*p), shortNumber(*c));
            return std::nullopt;
        }
        const bool point = ctx.mark == DecimalMark::Point;
        if (t.contains(point ? u'.' : u',')) {
            const double asDecimal = point ? *p : *c;
            const double asGrouping = point ? *c : *p;
            QString decimalText = shortNumber(asDecimal);
            if (!point) decimalText.replace(u'.', u',');
            *error =
                QStringLiteral("\"%1\" reads two ways (%2 or %3): the file's numbers use a %4 (%5), "
                               "which makes it %3, but a %6 before three digits usually groups thousands; "
                               "write %2 or %7")
                    .arg(excerpt(t, 40), shortNumber(asGrouping), shortNumber(asDecimal),
                         decimalMarkName(ctx.mark), ctx.markEvidence,
                         point ? QStringLiteral("point") : QStringLiteral("comma"), decimalText);
            return std::nullopt;
        }
    }
    const auto v = parseNumberText(t, ctx.mark, pct);
    if (!v) *error = QStringLiteral("\"%1\" is not %2").arg(excerpt(t, 40), what);
    return v;
}

CellValues one(const QString &path, JsonValue v) {
    CellValues out;
    out.values.emplace_back(path, std::move(v));
    return out;
}

CellValues failed(QString error) {
    CellValues out;
    out.error = std::move(error);
    return out;
}

CellValues money(const QString &t, const ColumnSpec &spec, const CellContext &ctx) {
    QString error;
    bool pct = false;
    const auto v = readNumber(t, ctx, &pct, &error, QStringLiteral("an amount"));
    if (!v) return failed(error);
    if (pct) return failed(QStringLiteral("\"%1\" is a percentage, not an amount").arg(excerpt(t, 40)));
    if (*v < 0 || (*v == 0 && spec.path.endsWith(u"premium_annual")))
        return failed(
            QStringLiteral("%1 is not a usable amount (it must be above zero)").arg(excerpt(t, 40)));
    return one(spec.path, JsonValue(*v));
}

// "100/300/100", "$100,000/$300,000/$50,000", "500 CSL" or dollars, as the case reader's numbers.
CellValues splitLimit(const QString &t, const ColumnSpec &spec, const CellContext &ctx) {
    const bool bodilyInjury = spec.path == u"coverage.bi_per_person";
    const bool combined = spec.path == u"coverage.limit_combined_single";
    const bool cslText = t.endsWith(QStringLiteral("csl"), Qt::CaseInsensitive);
    if (cslText || combined) {
        if (!bodilyInjury && !combined)
            return failed(QStringLiteral("a combined single limit (\"%1\") does not fit %2")
                              .arg(excerpt(t, 40), spec.path));
        QString amount = t;
        if (cslText) amount.chop(3);
        amount = amount.trimmed();
        QString error;
        if (!readNumber(amount, ctx, nullptr, &error, QStringLiteral("an amount"))) return failed(error);
        // Reading: a plain number in a CSL column is read as "<number> CSL" is, so "500" there means
        // $500,000 as "500 CSL" does (below 10,000: thousands; "$500" is refused as implausible). The row
        // says so in a warning.
        const auto v = parseCombinedSingleLimitText(amount + QStringLiteral(" CSL"), ctx.mark, &error);
        if (!v) return failed(error);
        CellValues out = one(QStringLiteral("coverage.limit_combined_single"), JsonValue(*v));
        if (!cslText && *v != parseNumberText(amount, ctx.mark).value_or(*v))
            out.warning = QStringLiteral("%1 read as %2 (thousands, as in \"%1 CSL\")")
                              .arg(excerpt(amount, 40), formatMoney(*v));
        return out;
    }
    if (t.contains(u'/')) {
        QString error;
        for (const QString &part : t.split(u'/'))
            if (!readNumber(part.trimmed(), ctx, nullptr, &error, QStringLiteral("an amount")))
                return failed(QStringLiteral("\"%1\" is not a split limit: %2").arg(excerpt(t, 40), error));
        const auto parts = parseSplitLimitText(t, ctx.mark, &error);
        if (!parts)
            return failed(QStringLiteral("\"%1\" is not a split limit: %2").arg(excerpt(t, 40), error));
        const QStringList paths = bodilyInjury ? QStringList{QStringLiteral("coverage.bi_per_person"),
                                                             QStringLiteral("coverage.bi_per_accident"),
                                                             QStringLiteral("coverage.pd_per_accident")}
                                               : QStringList{QStringLiteral("coverage.um_per_person"),
                                                             QStringLiteral("coverage.um_per_accident")};
        if (int(parts->size()) > paths.size())
            return failed(QStringLiteral("\"%1\" has %2 parts; a UM limit has two (per person/per accident)")
                              .arg(excerpt(t, 40))
                              .arg(parts->size()));
        // Reading: each part goes into its own field (not the "100/300/50" string the window's single
        // field writes), so a column that states bi_per_accident differently is caught as a conflict
        // instead of the case reader silently preferring it.
        CellValues out;
        for (size_t i = 0; i < parts->size(); ++i)
            out.values.emplace_back(paths[int(i)], JsonValue((*parts)[i]));
        return out;
    }
    CellValues out = money(t, spec, ctx);
    if (out.error.isEmpty() && out.values.front().second.toDouble() < 1000)
        return failed(QStringLiteral("%1 is not a plausible limit in dollars; write 100/300/100 (thousands) "
                                     "or $100,000")
                          .arg(excerpt(t, 40)));
    return out;
}

CellValues fraction(const QString &t, const ColumnSpec &spec, const CellContext &ctx) {
    QString error;
    bool pct = false;
    auto v = readNumber(t, ctx, &pct, &error, QStringLiteral("a percentage"));
    if (!v) return failed(error);
    if (!pct && spec.percentHeader && ctx.scale.points) {
        if (*v > 0 && *v < 1)
            return failed(QStringLiteral("\"%1\" is ambiguous in a column of percentages (%2): write "
                                         "%1% for less than one percent, or the percentage itself")
                              .arg(excerpt(t, 40), ctx.scale.witness));
        *v /= 100.0;
    }
    if (*v < 0 || *v > 1)
        return failed(QStringLiteral("commission %1 is outside 0–100 %").arg(excerpt(t, 40)));
    return one(spec.path, JsonValue(roundHalfAway(*v, 6)));
}

CellValues moneyOrPercent(const QString &t, const ColumnSpec &spec, const CellContext &ctx) {
    QString error;
    bool pct = false;
    const auto v = readNumber(t, ctx, &pct, &error, QStringLiteral("an amount or a percentage"));
    if (!v) return failed(error);
    if (*v < 0) return failed(QStringLiteral("%1 is below zero").arg(excerpt(t, 40)));
    if (pct) return one(spec.path, JsonValue(shortNumber(roundHalfAway(*v * 100, 4)) + u'%'));
    return one(spec.path, JsonValue(*v));
}

} // namespace

bool isNumberKind(CellKind kind) {
    switch (kind) {
    case CellKind::Fraction:
    case CellKind::Money:
    case CellKind::MoneyOrPercent:
    case CellKind::MoneyOrNone:
    case CellKind::SplitLimit:
    case CellKind::Number:
    case CellKind::Auto:
        return true;
    default:
        return false;
    }
}

std::optional<SlashDate> slashDateOf(const QString &text) {
    static const QRegularExpression re(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch()) return std::nullopt;
    return SlashDate{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

QString SlashDate::iso(bool monthFirst) const {
    const int month = monthFirst ? first : second;
    const int day = monthFirst ? second : first;
    return QStringLiteral("%1-%2-%3")
        .arg(year, 4, 10, QChar(u'0'))
        .arg(month, 2, 10, QChar(u'0'))
        .arg(day, 2, 10, QChar(u'0'));
}

QString textProblem(const QString &t) {
    auto code = [](QChar c) { return QStringLiteral("%1").arg(c.unicode(), 4, 16, QChar(u'0')).toUpper(); };
    if (t.contains(QChar(QChar::ReplacementCharacter)))
        return QStringLiteral("\"%1\" holds the replacement character \uFFFD, left where an earlier "
                              "conversion could not read a letter; retype it")
            .arg(excerpt(t, 40));
    for (const QChar c : t) {
        if ((c.unicode() < 0x20 && c != u'\t') || (c.unicode() >= 0x7F && c.unicode() <= 0x9F))
            return QStringLiteral("\"%1\" holds a control character (U+%2)").arg(excerpt(t, 40), code(c));
        // Zero-width spaces, bidirectional overrides, soft hyphens: invisible, yet they make "Lakeshore"
        // and "Lake\u200Bshore" two carriers (a non-renewal no longer matches). Shown escaped.
        if (c.category() == QChar::Other_Format || c.isSurrogate()) {
            QString shown = excerpt(t, 40);
            shown.replace(c, QStringLiteral("\\u") + code(c).toLower());
            return QStringLiteral("\"%1\" holds an invisible character (U+%2); retype the text")
                .arg(shown, code(c));
        }
    }
    return QString();
}

QString slug(const QString &s) {
    QString out;
    bool underscore = false;
    // Accents fold to their letters ("Générale" -> "generale"); other non-ASCII characters separate words.
    for (const QChar c : s.toLower().normalized(QString::NormalizationForm_KD)) {
        if (c.category() == QChar::Mark_NonSpacing) continue;
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c;
            underscore = false;
        } else if (!underscore && !out.isEmpty()) {
            out += u'_';
            underscore = true;
        }
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("carrier") : out;
}

QStringList numberTextsOf(const QString &raw, const ColumnSpec &spec) {
    const QString t = raw.trimmed();
    if (t.isEmpty() || !isNumberKind(spec.kind)) return {};
    if (spec.kind == CellKind::SplitLimit || spec.path == u"coverage.limit_combined_single") {
        QString s = t;
        if (s.endsWith(QStringLiteral("csl"), Qt::CaseInsensitive)) s.chop(3);
        QStringList parts = s.split(u'/');
        for (QString &p : parts)
            p = p.trimmed();
        return parts;
    }
    return {t};
}

CellValues convertCell(const QString &raw, const ColumnSpec &spec, const CellContext &context) {
    const CellContext &ctx = context;
    QString t = raw.trimmed().normalized(QString::NormalizationForm_C);
    if (t.contains(u'\n') || t.contains(u'\r')) {
        // A line break typed inside a cell (Alt+Enter in Excel) is kept in a carrier or product name as a
        // space, as the spreadsheet shows the name wrapped. A cell whose
        // lines hold the delimiter is more likely rows swallowed by a stray quote, and a number or code
        // with a line break is not one.
        const QStringList lines = t.split(QRegularExpression(QStringLiteral("\\s*[\\r\\n]+\\s*")));
        const bool looksLikeRows =
            !context.delimiter.isNull() && std::any_of(lines.begin(), lines.end(), [&](const QString &l) {
                return l.contains(context.delimiter);
            });
        const bool name = spec.path == u"provider_name" || spec.path == u"coverage.product_name";
        if (!name || looksLikeRows)
            return failed(looksLikeRows
                              ? QStringLiteral("the cell holds line breaks and the delimiter, as if a quote "
                                               "opened here swallowed the rows that follow; check the quotes")
                              : QStringLiteral("the cell holds a line break (Alt+Enter); remove it"));
        t = lines.join(u' ');
    }
    if (const QString problem = textProblem(t); !problem.isEmpty()) return failed(problem);
    switch (spec.kind) {
    case CellKind::Text:
    case CellKind::Grade:
        return one(spec.path, JsonValue(t));
    case CellKind::Line: {
        // Reading: a line the engine does not rank ("Renters") is kept, lower-cased, with a warning, as case
        // files hold such offerings too; the synonyms agents write for the three it ranks are read as those.
        const QString line = lineForText(t);
        CellValues out = one(spec.path, JsonValue(line.isEmpty() ? t.toLower() : line));
        if (line.isEmpty())
            out.warning =
                QStringLiteral("line \"%1\" is not home, auto or umbrella (nor Homeowners, HO-3, Personal "
                               "Auto or Personal Umbrella); the engine will ignore this offering")
                    .arg(excerpt(t, 40));
        return out;
    }
    case CellKind::Tier:
        return one(spec.path, JsonValue(t.toLower()));
    case CellKind::Fraction:
        return fraction(t, spec, ctx);
    case CellKind::Money:
        if (spec.path == u"coverage.limit_combined_single") return splitLimit(t, spec, ctx);
        return money(t, spec, ctx);
    case CellKind::MoneyOrPercent:
        return moneyOrPercent(t, spec, ctx);
    case CellKind::MoneyOrNone:
        if (t.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
            return one(spec.path, JsonValue(QStringLiteral("none")));
        return money(t, spec, ctx);
    case CellKind::SplitLimit:
        return splitLimit(t, spec, ctx);
    case CellKind::Number: {
        QString error;
        const auto v = readNumber(t, ctx, nullptr, &error, QStringLiteral("a number"));
        if (!v) return failed(error);
        return one(spec.path, JsonValue(*v));
    }
    case CellKind::ExpiryDate:
    case CellKind::Timestamp: {
        static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        QString date = t;
        if (const auto slash = slashDateOf(t)) {
            const bool ambiguous = slash->first <= 12 && slash->second <= 12 && slash->first != slash->second;
            bool monthFirst = slash->second > 12;
            if (ambiguous) {
                if (ctx.dateOrder == DateOrder::Unknown)
                    return failed(
                        QStringLiteral("\"%1\" reads two ways (%2 month first, %3 day first) and no "
                                       "date in the file says which; write YYYY-MM-DD")
                            .arg(excerpt(t, 40), slash->iso(true), slash->iso(false)));
                monthFirst = ctx.dateOrder == DateOrder::MonthFirst;
            }
            date = slash->iso(monthFirst);
            if (!parseDate(date)) return failed(QStringLiteral("\"%1\" is not a date").arg(excerpt(t, 40)));
        }
        if (dateOnly.match(date).hasMatch() && parseDate(date)) {
            // An agent's "expires 2027-01-15" means through that day; a bare date would read as midnight.
            if (spec.kind == CellKind::ExpiryDate || spec.path.endsWith(u"expires_at"))
                return one(spec.path, JsonValue(date + QStringLiteral("T23:59:59Z")));
            return one(spec.path, JsonValue(date));
        }
        if (!parseTimestamp(t))
            return failed(QStringLiteral("\"%1\" is not a date (write YYYY-MM-DD)").arg(excerpt(t, 40)));
        // Reading: a date and time without a zone would be taken as UTC, hours away from what the agent
        // meant, so it is refused rather than stored as written.
        static const QRegularExpression zone(QStringLiteral("([Zz]|[+-]\\d{2}:?\\d{2})$"));
        if (!zone.match(t).hasMatch())
            return failed(QStringLiteral("\"%1\" has a time but no time zone; write the date alone "
                                         "(YYYY-MM-DD) or add the zone (Z, -05:00)")
                              .arg(excerpt(t, 40)));
        return one(spec.path, JsonValue(t));
    }
    case CellKind::StringArray: {
        JsonValue arr = JsonValue::array();
        // States and NAICS codes hold no comma, so "NY, NJ" is two states, not one.
        static const QRegularExpression separators(QStringLiteral("[;|,]"));
        for (const QString &p : t.split(separators, Qt::SkipEmptyParts))
            if (!p.trimmed().isEmpty()) arr.append(JsonValue(p.trimmed()));
        return one(spec.path, arr);
    }
    case CellKind::Bool: {
        const QString l = t.toLower();
        if (l == u"true" || l == u"yes" || l == u"y" || l == u"1") return one(spec.path, JsonValue(true));
        if (l == u"false" || l == u"no" || l == u"n" || l == u"0") return one(spec.path, JsonValue(false));
        return failed(QStringLiteral("\"%1\" is not yes or no").arg(excerpt(t, 40)));
    }
    case CellKind::Settlement: {
        QString l = t.toLower().replace(u' ', u'_');
        static const QStringList ok = {
            QStringLiteral("actual_cash_value"), QStringLiteral("replacement_cost"),
            QStringLiteral("extended_replacement_cost"), QStringLiteral("guaranteed_replacement_cost")};
        if (l == u"acv") l = ok[0];
        if (!ok.contains(l))
            return failed(QStringLiteral("settlement \"%1\" is not one of %2")
                              .arg(excerpt(t, 40), ok.join(QStringLiteral(", "))));
        return one(spec.path, JsonValue(l));
    }
    case CellKind::Auto: {
        if (t == u"true" || t == u"false") return one(spec.path, JsonValue(t == u"true"));
        if (numberShape(t) == NumberShape::NotNumber || t.contains(u'$') || t.endsWith(u'%'))
            return one(spec.path, JsonValue(t));
        QString error;
        const auto v = readNumber(t, ctx, nullptr, &error, QStringLiteral("a number"));
        if (!v) return failed(error);
        return one(spec.path, JsonValue(*v));
    }
    }
    return one(spec.path, JsonValue(t));
}

} // namespace pw

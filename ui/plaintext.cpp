// SPDX-License-Identifier: MIT
#include "plaintext.h"

#include "util/displaytext.h"

#include <QLabel>
#include <QTextDocument>

namespace pw {

QLabel *plainTextLabel(QLabel *label) {
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString plainToolTip(const QString &text) {
    if (text.isEmpty()) return text;
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

QString serverText(const QString &text) {
    return escapeControls(text);
}

QString chartLabel(const QString &text, int maxGraphemes) {
    return elideGraphemes(text, maxGraphemes).toHtmlEscaped();
}

} // namespace pw

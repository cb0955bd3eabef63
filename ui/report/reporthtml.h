// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"

#include <QByteArray>
#include <QString>

namespace pw {

// A report document (core/report/reportdocument.h) as HTML. Every string of the document is data: it is
// shown with its control and bidirectional characters as visible escapes (util/displaytext.h) and then
// HTML-escaped, so "<script>" prints as those eight characters and no markup, link or image can come from
// a case.
//
// Two flavours: `File` is the self-contained HTML export (one file: its style sheet inline, the logo as a
// data: URL, a Content-Security-Policy that forbids scripts, remote loads and forms); `TextDocument` is the
// subset QTextDocument lays out for PDF and printing (style in the document's default style sheet, the
// logo as the image resource kLogoResource, sizes in CSS pixels of 1/96 inch).
enum class HtmlFlavour { File, TextDocument };

inline constexpr const char *kLogoResource = "pw-report-logo";

// The logo's image bytes and MIME type, read from `fileName`; empty when there is none or it cannot be
// read as an image (the caller says so).
struct LogoImage {
    QByteArray bytes;
    QString mimeType;
    bool isNull() const { return bytes.isEmpty(); }
};

QString reportHtml(const ReportDocument &doc, HtmlFlavour flavour, const LogoImage &logo = {});
// The style sheet of the TextDocument flavour (QTextDocument::setDefaultStyleSheet).
QString reportTextDocumentStyleSheet();
// The name the TextDocument flavour marks the first text of block `index` of the document with (its
// tooltip), by which the laid-out document is measured block by block (reportmeasure.h).
QString blockAnchor(int index);
// Escapes one untrusted string for HTML text or attribute values.
QString htmlText(const QString &text);

} // namespace pw

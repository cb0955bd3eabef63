// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QWidget;

namespace pw {

struct EngineProfile;

// The Help menu's pages, generated rather than written once so they cannot drift from what the window
// does. Both are HTML of our own words and numbers (no case text).

// "Reading the results": what L1–L4 mean, the six dimensions and how each is scored, the weights of every
// appetite bucket, the labels, and "not stated" versus none versus $0 — every threshold, weight and point
// taken from `profile` (engine.md §5–§7), so a custom profile shows its own numbers.
QString readingResultsHtml(const EngineProfile &profile);

// "Keyboard shortcuts": every action of `window` that has a shortcut, grouped by the menu it is in (menus
// in menu-bar order; actions outside any menu last), with its shortcuts in the platform's notation.
QString shortcutSheetHtml(const QWidget *window);

// Shows `html` in a non-modal dialog named `objectName` (one per name: shown again when already open).
void showHelpPage(QWidget *parent, const QString &objectName, const QString &title, const QString &html);

} // namespace pw

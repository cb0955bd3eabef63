// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformat.h"
#include "io/problem.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QFormLayout;
class QWidget;

namespace pw {

class CaseDocument;

// Binds form editors to JSON paths of the document: each editor shows the value at base path + its key,
// and writes an undoable edit when the user finishes editing. Empty text means "not stated" (the key is
// removed). Changing the base path (the offering selected in the table) re-targets every editor. Editors
// whose path has a validation problem get a red frame and the problem as tooltip.
class FieldBinder : public QObject {
    Q_OBJECT
public:
    FieldBinder(CaseDocument *doc, const QString &basePath, QObject *parent);

    // Creates the editor for a field (object name "field_" + key with dots as underscores).
    QWidget *createEditor(const FieldSpec &spec, QWidget *parent);
    // Adds a labelled row per field to a form layout.
    void addRows(QFormLayout *form, const std::vector<FieldSpec> &specs, QWidget *parent);

    QString basePath() const { return m_base; }
    void setBasePath(const QString &base);
    void setEnabled(bool enabled);
    void refresh();
    void showProblems(const Problems &problems);
    // Focuses the editor of a full JSON path; false when no editor shows it.
    bool focusPath(const QString &fullPath);
    QString fullPath(const QString &key) const;
    QWidget *editorFor(const QString &key) const;

signals:
    // An editor could not read what was typed (shown in the status bar).
    void inputRejected(const QString &message);

private:
    struct Binding {
        FieldSpec spec;
        QPointer<QWidget> editor;
        QString baseTooltip;
    };
    void commit(const Binding &b);
    void refreshOne(const Binding &b);

    CaseDocument *m_doc;
    QString m_base;
    std::vector<Binding> m_bindings;
    bool m_refreshing = false;
};

} // namespace pw

// SPDX-License-Identifier: MIT
#include "fieldbinder.h"
#include "plaintext.h"

#include "casedocument.h"
#include "choicebox.h"
#include "datefield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>

namespace pw {

namespace {

QString objectNameFor(const QString &key) {
    QString k = key;
    k.replace(u'.', u'_');
    return QStringLiteral("field_") + k;
}

bool pathMatches(const QString &problemPath, const QString &fieldPath) {
    return problemPath == fieldPath || problemPath.startsWith(fieldPath + u'.') ||
           problemPath.startsWith(fieldPath + u'[');
}

// The Qt class an editor is made from (QLineEdit for a DateField, QComboBox for a ChoiceBox): a style
// sheet selector matches it and its subclasses, where "pw::DateField" would match nothing.
QString styleClass(const QWidget *w) {
    const QMetaObject *m = w->metaObject();
    while (m->superClass() && QByteArrayView(m->className()).contains("::"))
        m = m->superClass();
    return QString::fromLatin1(m->className());
}

// Number and money editors are at least as wide as what they hold, so the form wraps the row (label
// above) rather than cutting digits off: "$123,456,789.99" is shown whole.
void fitWidthToText(QLineEdit *e) {
    const QString text = e->text().isEmpty() ? e->placeholderText() : e->text();
    const QMargins m = e->textMargins();
    // Frame, the line edit's own inner margin (2 px a side) and a cursor's room.
    const int frame = 2 * e->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 4 + 2;
    e->setMinimumWidth(e->fontMetrics().horizontalAdvance(text) + m.left() + m.right() + frame + 4);
}

bool isNumberKind(FieldKind kind) {
    switch (kind) {
    case FieldKind::Integer:
    case FieldKind::Number:
    case FieldKind::Money:
    case FieldKind::MoneyOrPercent:
    case FieldKind::MoneyOrNone:
    case FieldKind::SplitOrMoney:
    case FieldKind::Fraction:
        return true;
    default:
        return false;
    }
}

} // namespace

FieldBinder::FieldBinder(CaseDocument *doc, const QString &basePath, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_base(basePath) {
    auto update = [this] {
        refresh();
        showProblems(m_doc->problems());
    };
    connect(doc, &CaseDocument::edited, this, update);
    connect(doc, &CaseDocument::refusedInputChanged, this, update);
    // An edit of a large case is validated on a worker: its problems come later.
    connect(doc, &CaseDocument::validated, this, [this] { showProblems(m_doc->problems()); });
}

QString FieldBinder::fullPath(const QString &key) const {
    return m_base.isEmpty() ? key : m_base + u'.' + key;
}

QWidget *FieldBinder::createEditor(const FieldSpec &spec, QWidget *parent) {
    QWidget *w = nullptr;
    switch (spec.kind) {
    case FieldKind::Date: {
        // A birth date's calendar opens at a plausible birth year, any other date's near today.
        auto *d =
            new DateField(spec.key.endsWith(QStringLiteral("date_of_birth")) ? DateField::Kind::BirthDate
                                                                             : DateField::Kind::Any,
                          parent);
        connect(d, &QLineEdit::editingFinished, this, [this, key = spec.key] {
            for (const auto &b : m_bindings)
                if (b.spec.key == key) commit(b);
        });
        w = d;
        break;
    }
    case FieldKind::Choice: {
        auto *c = new ChoiceBox(parent);
        c->addItem(tr("not stated"), QString());
        for (const auto &[value, label] : spec.choices)
            c->addItem(label, value);
        connect(c, &QComboBox::activated, this, [this, key = spec.key] {
            for (const auto &b : m_bindings)
                if (b.spec.key == key) commit(b);
        });
        w = c;
        break;
    }
    case FieldKind::Bool: {
        auto *c = new QCheckBox(spec.label, parent);
        c->setTristate(true);
        connect(c, &QCheckBox::clicked, this, [this, key = spec.key] {
            for (const auto &b : m_bindings)
                if (b.spec.key == key) commit(b);
        });
        w = c;
        break;
    }
    default: {
        auto *e = new QLineEdit(parent);
        e->setPlaceholderText(tr("not stated"));
        e->setClearButtonEnabled(false);
        if (spec.kind != FieldKind::Text && spec.kind != FieldKind::StringList &&
            spec.kind != FieldKind::Timestamp)
            e->setAlignment(Qt::AlignRight);
        if (isNumberKind(spec.kind)) {
            connect(e, &QLineEdit::textChanged, e, [e] { fitWidthToText(e); });
            fitWidthToText(e);
        }
        connect(e, &QLineEdit::editingFinished, this, [this, key = spec.key] {
            for (const auto &b : m_bindings)
                if (b.spec.key == key) commit(b);
        });
        w = e;
        break;
    }
    }
    w->setObjectName(objectNameFor(spec.key));
    QString tip = spec.tooltip;
    if (!spec.unit.isEmpty())
        tip += (tip.isEmpty() ? QString() : QStringLiteral(" ")) + tr("(%1)").arg(spec.unit);
    w->setToolTip(tip);
    m_bindings.push_back({spec, w, tip});
    refreshOne(m_bindings.back());
    return w;
}

void FieldBinder::addRows(QFormLayout *form, const std::vector<FieldSpec> &specs, QWidget *parent) {
    // A narrow pane puts the label above its editor rather than pushing the editor past the clip edge.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FieldSpec &s : specs) {
        QWidget *editor = createEditor(s, parent);
        if (s.kind == FieldKind::Bool) {
            form->addRow(QString(), editor);
            continue;
        }
        QString label = s.label;
        if (!s.unit.isEmpty()) label += QStringLiteral(" (%1)").arg(s.unit);
        auto *l = new QLabel(label + QStringLiteral(":"), parent);
        l->setBuddy(editor);
        l->setToolTip(s.tooltip);
        form->addRow(l, editor);
    }
}

void FieldBinder::setBasePath(const QString &base) {
    m_base = base;
    refresh();
    showProblems(m_doc->problems());
}

void FieldBinder::setEnabled(bool enabled) {
    for (const auto &b : m_bindings)
        if (b.editor) b.editor->setEnabled(enabled);
}

void FieldBinder::refresh() {
    for (const auto &b : m_bindings)
        refreshOne(b);
}

void FieldBinder::refreshOne(const Binding &b) {
    if (!b.editor) return;
    m_refreshing = true;
    const JsonValue v = m_base.isNull() ? JsonValue() : m_doc->value(fullPath(b.spec.key));
    if (auto *c = qobject_cast<QComboBox *>(b.editor)) {
        const QString value = v.isNull() ? QString() : displayValue(v, FieldKind::Text);
        int idx = c->findData(value);
        if (idx < 0) {
            c->addItem(value, value); // a value the list does not know is kept and shown
            idx = c->count() - 1;
        }
        c->setCurrentIndex(idx);
    } else if (auto *cb = qobject_cast<QCheckBox *>(b.editor)) {
        cb->setCheckState(v.isBool() ? (v.toBool() ? Qt::Checked : Qt::Unchecked) : Qt::PartiallyChecked);
        cb->setText(b.spec.label + (v.isBool() ? QString() : tr(" (not stated)")));
    } else if (auto *e = qobject_cast<QLineEdit *>(b.editor)) {
        // Refused text stays in its field until fixed or undone.
        const auto refused = m_base.isNull() ? std::nullopt : m_doc->refusedText(fullPath(b.spec.key));
        const QString text = refused ? *refused : displayValue(v, b.spec.kind);
        if (!(e->hasFocus() && e->isModified()) && e->text() != text) e->setText(text);
    }
    m_refreshing = false;
}

void FieldBinder::commit(const Binding &b) {
    if (m_refreshing || !b.editor || m_base.isNull()) return;
    std::optional<JsonValue> value;
    QString error;
    if (auto *c = qobject_cast<QComboBox *>(b.editor)) {
        const QString s = c->currentData().toString();
        value = s.isEmpty() ? JsonValue() : JsonValue(s);
    } else if (auto *cb = qobject_cast<QCheckBox *>(b.editor)) {
        value = cb->checkState() == Qt::PartiallyChecked ? JsonValue()
                                                         : JsonValue(cb->checkState() == Qt::Checked);
    } else if (auto *e = qobject_cast<QLineEdit *>(b.editor)) {
        // Only what the user changed is written: visiting a field (a click on a problem, Tab) never
        // rewrites its value, even when the file holds it in another form.
        const QString path = fullPath(b.spec.key);
        if (!e->isModified() && !m_doc->refusedText(path)) return;
        value = parseFieldText(e->text(), b.spec.kind, &error);
        if (!value) {
            // The text stays in the field, marked, and in the Problems dock (see CaseDocument).
            e->setModified(false);
            m_doc->setRefusedInput(path, e->text(), error);
            emit inputRejected(b.spec.label + QStringLiteral(": ") + error);
            return;
        }
        e->setModified(false);
        m_doc->clearRefusedInput(path);
    }
    if (!value) return;
    m_doc->setValue(fullPath(b.spec.key), *value, tr("Edit %1").arg(b.spec.label.toLower()));
    refreshOne(b); // show the canonical form ("$850,000")
    // The field's own undo history ends here: Ctrl+Z now undoes the document's edit.
    if (auto *e = qobject_cast<QLineEdit *>(b.editor)) e->setText(e->text());
}

void FieldBinder::showProblems(const Problems &problems) {
    for (const auto &b : m_bindings) {
        if (!b.editor) continue;
        const QString path = fullPath(b.spec.key);
        QStringList msgs;
        bool error = false;
        for (const Problem &p : problems)
            if (!m_base.isNull() && pathMatches(p.path, path)) {
                msgs << p.message;
                error = error || p.isError();
            }
        const QString cls = styleClass(b.editor);
        if (msgs.isEmpty()) {
            b.editor->setStyleSheet(QString());
            b.editor->setToolTip(b.baseTooltip);
        } else {
            b.editor->setStyleSheet(
                QStringLiteral("%1 { border: 1px solid %2; }")
                    .arg(cls, error ? QStringLiteral("#c62828") : QStringLiteral("#c77800")));
            // Problem messages quote the case's text: shown literally.
            b.editor->setToolTip(plainToolTip((b.baseTooltip.isEmpty() ? QString() : b.baseTooltip + u'\n') +
                                              (error ? tr("Error: ") : tr("Warning: ")) + msgs.join(u'\n')));
        }
    }
}

bool FieldBinder::focusPath(const QString &fullPathText) {
    for (const auto &b : m_bindings)
        if (b.editor && pathMatches(fullPathText, fullPath(b.spec.key))) {
            b.editor->setFocus(Qt::OtherFocusReason);
            if (auto *e = qobject_cast<QLineEdit *>(b.editor)) e->selectAll();
            return true;
        }
    return false;
}

QWidget *FieldBinder::editorFor(const QString &key) const {
    for (const auto &b : m_bindings)
        if (b.spec.key == key) return b.editor;
    return nullptr;
}

} // namespace pw

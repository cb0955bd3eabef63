// SPDX-License-Identifier: MIT
// A hostile case opened in the window: markup in names (<b>, <h1>, <a href>, an <img> of /dev/zero), a
// right-to-left override and a 10,000-character name. Every label, every model's DisplayRole and
// ToolTipRole, every widget tooltip and every chart's legend and title that shows case text shows the
// markup literally (plain text, or rich text built around escaped data), and the window stays under a
// memory bound while every tab is painted.
#include "testsupport.h"

#include "caseeditor.h"
#include "mainwindow.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "resultspanel.h"

#include <QAbstractItemView>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QLegendMarker>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace pw;

namespace {

// Every hostile value carries this token next to its markup, so wherever it is shown the markup must be
// shown with it.
const QString kToken = QStringLiteral("ZQX");

qint64 residentKiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

// The case written to `name` in `dir`; empty when it cannot be written.
QString writeCase(const QTemporaryDir &dir, const QString &name, const JsonValue &root) {
    const QString file = dir.filePath(name);
    QFile f(file);
    const QByteArray bytes = writeJson(root);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? file : QString();
}

bool isRich(const QString &text, Qt::TextFormat format) {
    return format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text));
}

} // namespace

class TestHostileText : public QObject {
    Q_OBJECT

private:
    int m_checked = 0;
    QStringList m_failures;

    // What a person sees of `text` shown in `format`; records a failure when case markup would be
    // interpreted rather than shown.
    void check(const QString &where, const QString &text, Qt::TextFormat format) {
        if (!text.contains(kToken)) return;
        ++m_checked;
        QString shown = text;
        if (isRich(text, format)) {
            for (const char *tag : {"<img", "<h1", "<a ", "<b>ZQX"})
                if (text.contains(QLatin1String(tag), Qt::CaseInsensitive)) {
                    m_failures << QStringLiteral("%1: case markup %2 reaches rich text: %3")
                                      .arg(where, QLatin1String(tag), text.left(200));
                    return;
                }
            QTextDocument doc;
            doc.setHtml(text);
            shown = doc.toPlainText();
        }
        // The markup around the token is visible as text.
        if (shown.contains(kToken) && !shown.contains(QStringLiteral("<b>") + kToken) &&
            !shown.contains(QStringLiteral("<h1>") + kToken) &&
            !shown.contains(kToken + QStringLiteral("<img")))
            m_failures << QStringLiteral("%1: markup not shown literally: %2").arg(where, shown.left(200));
    }

    void checkModel(const QString &where, const QAbstractItemModel *model, const QModelIndex &parent = {}) {
        if (!model) return;
        for (int r = 0; r < model->rowCount(parent); ++r)
            for (int c = 0; c < model->columnCount(parent); ++c) {
                const QModelIndex i = model->index(r, c, parent);
                const QString at = QStringLiteral("%1 [%2,%3]").arg(where).arg(r).arg(c);
                // Item views paint DisplayRole as plain text; tooltips are guessed (AutoText).
                check(at + QStringLiteral(" display"), i.data(Qt::DisplayRole).toString(), Qt::PlainText);
                check(at + QStringLiteral(" tooltip"), i.data(Qt::ToolTipRole).toString(), Qt::AutoText);
                if (c == 0 && model->hasChildren(i)) checkModel(where + QStringLiteral(">"), model, i);
            }
        for (int c = 0; c < model->columnCount(parent); ++c)
            check(where + QStringLiteral(" header tooltip"),
                  model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString(), Qt::AutoText);
    }

    void checkWindow(QWidget *w) {
        for (QLabel *l : w->findChildren<QLabel *>())
            check(QStringLiteral("QLabel %1").arg(l->objectName()), l->text(), l->textFormat());
        for (QWidget *child : w->findChildren<QWidget *>())
            check(QStringLiteral("tooltip of %1 %2")
                      .arg(QString::fromLatin1(child->metaObject()->className()), child->objectName()),
                  child->toolTip(), Qt::AutoText);
        for (QAbstractItemView *v : w->findChildren<QAbstractItemView *>())
            checkModel(QStringLiteral("%1 %2").arg(QString::fromLatin1(v->metaObject()->className()),
                                                   v->objectName()),
                       v->model());
        for (QChartView *v : w->findChildren<QChartView *>()) {
            // Qt Charts draws titles and legend labels as HTML.
            check(QStringLiteral("chart title %1").arg(v->objectName()), v->chart()->title(), Qt::RichText);
            for (QLegendMarker *m : v->chart()->legend()->markers())
                check(QStringLiteral("legend of %1").arg(v->objectName()), m->label(), Qt::RichText);
        }
    }

    // Opens the case, ticks three packages for Compare, and paints every result tab and case section.
    void openAndPaintEverything(MainWindow &w, const QString &file) {
        w.setUnsavedAnswerForTests(QMessageBox::Discard);
        QVERIFY(w.openCase(file));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.ranking()->waitForIdle(20000));
        QVERIFY(w.ranking()->hasRun());
        // Compare three packages so the Compare tab, its charts and legends show carriers.
        RankingModel *rm = w.results()->rankingModel();
        for (int r : {0, 1, 2})
            rm->setData(rm->index(r, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole);

        QTabWidget *tabs = w.results()->tabs();
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QTest::qWait(20);
            QVERIFY(!w.grab().isNull());
        }
        for (int s = 0; s < 7; ++s) {
            w.caseEditor()->showSection(s);
            QTest::qWait(20);
            QVERIFY(!w.grab().isNull());
        }
    }

private Q_SLOTS:
    void hostileCaseShowsMarkupLiterally() {
        QTemporaryDir dir;
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", dir.path().toUtf8());
        JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        JsonValue input = root[u"input"];
        JsonValue applicant = input[u"applicant"];
        applicant.insert(QStringLiteral("first_name"),
                         QStringLiteral("DanaZQX<img src=\"file:///dev/zero\">"));
        applicant.insert(QStringLiteral("last_name"), QStringLiteral("<b>ZQX</b>\u202eokafor"));
        applicant.insert(QStringLiteral("date_of_birth"),
                         QStringLiteral("<b>ZQX</b>")); // a warning quoting it
        applicant.insert(QStringLiteral("occupation"),
                         QStringLiteral("<h1>ZQX</h1><a href=\"https://x.invalid\">x</a>"));
        input.insert(QStringLiteral("applicant"), applicant);
        root.insert(QStringLiteral("input"), input);
        JsonValue offerings = JsonValue::array();
        for (JsonValue o : root[u"offerings"].arrayItems()) {
            QString name = QStringLiteral("<b>ZQX</b><a href=\"https://x.invalid\">") +
                           o[u"provider_name"].toString() + QStringLiteral("</a>\u202e");
            if (o[u"provider_id"].toString() == u"prov_harborview") name += QString(10000, u'W');
            if (o[u"category"].toString() == u"renters") // ignored, with a warning quoting its id
                o.insert(QStringLiteral("id"), QStringLiteral("<b>ZQX</b>renters"));
            o.insert(QStringLiteral("provider_name"), name);
            offerings.append(o);
        }
        root.insert(QStringLiteral("offerings"), offerings);
        const QString file = writeCase(dir, QStringLiteral("hostile.json"), root);
        QVERIFY(!file.isEmpty());

        const qint64 before = residentKiB();
        MainWindow w;
        openAndPaintEverything(w, file);
        if (QTest::currentTestFailed()) return;
        checkWindow(&w);
        QVERIFY2(m_checked > 50, qPrintable(QString::number(m_checked)));
        // The problems view quotes the hostile date and id (warnings: the case still ranks).
        int quoted = 0;
        const QAbstractItemModel *problems = w.problemsModel();
        for (int r = 0; r < problems->rowCount(); ++r)
            for (int c = 0; c < problems->columnCount(); ++c)
                quoted += problems->index(r, c).data(Qt::ToolTipRole).toString().contains(kToken) ? 1 : 0;
        QVERIFY2(quoted >= 2, qPrintable(QString::number(quoted)));
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.mid(0, 12).join(u'\n')));

        // The <img> of /dev/zero was never loaded: memory stays bounded.
        const qint64 grown = residentKiB() - before;
        QVERIFY2(grown < 512 * 1024, qPrintable(QStringLiteral("grew by %1 MiB").arg(grown / 1024)));
    }

    void longCarrierNamesKeepMemoryBounded_data() {
        QTest::addColumn<int>("length");
        QTest::newRow("12,000 characters, no space") << 12000;
        QTest::newRow("12,000 characters of markup") << -12000;
    }
    void longCarrierNamesKeepMemoryBounded() {
        // Every carrier named by one long word: chart legends, axis labels and tooltips get the whole
        // name unless it is cut first (Qt Charts lays a legend label out again for every width it tries).
        QFETCH(int, length);
        QTemporaryDir dir;
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", dir.path().toUtf8());
        JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        JsonValue offerings = JsonValue::array();
        for (JsonValue o : root[u"offerings"].arrayItems()) {
            const QString name =
                length > 0 ? QString(length, u'P') : QStringLiteral("<b>P</b>").repeated(-length / 8);
            o.insert(QStringLiteral("provider_name"), QString(name + o[u"provider_id"].toString()));
            offerings.append(o);
        }
        root.insert(QStringLiteral("offerings"), offerings);
        const QString file = writeCase(dir, QStringLiteral("long.json"), root);
        QVERIFY(!file.isEmpty());
        const qint64 before = residentKiB();
        MainWindow w;
        openAndPaintEverything(w, file);
        if (QTest::currentTestFailed()) return;
        int legends = 0;
        for (QChartView *v : w.findChildren<QChartView *>()) {
            QVERIFY2(v->chart()->title().size() < 300, qPrintable(v->chart()->title().left(300)));
            for (QLegendMarker *m : v->chart()->legend()->markers()) {
                ++legends;
                QVERIFY2(m->label().size() < 300, qPrintable(m->label().left(300)));
            }
            for (QAbstractAxis *axis : v->chart()->axes())
                if (auto *categories = qobject_cast<QCategoryAxis *>(axis))
                    for (const QString &label : categories->categoriesLabels())
                        QVERIFY2(label.size() < 300, qPrintable(label.left(300)));
        }
        QVERIFY(legends >= 3); // the compared packages are in a legend
        const qint64 grown = residentKiB() - before;
        QVERIFY2(grown < 400 * 1024, qPrintable(QStringLiteral("grew by %1 MiB").arg(grown / 1024)));
    }
};

QTEST_MAIN(TestHostileText)
#include "tst_hostiletext.moc"

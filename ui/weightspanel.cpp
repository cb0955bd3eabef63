// SPDX-License-Identifier: MIT
#include "weightspanel.h"

#include "solutionutil.h"
#include "util/numbers.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <cmath>

namespace pw {

WeightsPanel::WeightsPanel(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("weightsPanel"));
    auto *grid = new QGridLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("weightsTitle"));
    m_title->setWordWrap(true);
    grid->addWidget(m_title, 0, 0, 1, 6);
    const QStringList dims = dimensionKeys();
    for (int i = 0; i < 6; ++i) {
        auto *label = new QLabel(dimensionTitle(dims[i]), this);
        label->setToolTip(dimensionTooltip(dims[i]));
        auto *spin = new QDoubleSpinBox(this);
        spin->setObjectName(QStringLiteral("weight_") + dims[i]);
        spin->setRange(0, 1);
        spin->setDecimals(2);
        spin->setSingleStep(0.05);
        spin->setKeyboardTracking(false); // applied on Enter or focus-out, not on every keystroke
        spin->setToolTip(tr("Weight of %1 in the overall score (0–1); applied on Enter").arg(dims[i]));
        label->setBuddy(spin);
        auto *norm = new QLabel(this);
        norm->setObjectName(QStringLiteral("weightShare_") + dims[i]);
        norm->setToolTip(tr("The share the engine uses: the weights normalised to sum 1"));
        auto *cell = new QHBoxLayout;
        cell->addWidget(spin);
        cell->addWidget(norm);
        grid->addWidget(label, 1 + i / 3, (i % 3) * 2);
        grid->addLayout(cell, 1 + i / 3, (i % 3) * 2 + 1);
        m_spins[size_t(i)] = spin;
        m_norms[size_t(i)] = norm;
        connect(spin, &QDoubleSpinBox::valueChanged, this, &WeightsPanel::edited);
    }
    m_sum = new QLabel(this);
    m_sum->setObjectName(QStringLiteral("weightsSum"));
    grid->addWidget(m_sum, 3, 0, 1, 4);
    m_reset = new QPushButton(tr("&Reset to bucket"), this);
    m_reset->setObjectName(QStringLiteral("resetWeights"));
    m_reset->setToolTip(tr("Return to the appetite bucket's weights"));
    grid->addWidget(m_reset, 3, 4, 1, 2);
    grid->setRowStretch(4, 1);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        show(m_bucketWeights);
        emit customWeightsChanged(std::nullopt);
    });
}

void WeightsPanel::setBucket(const QString &bucket, const Weights &weights) {
    m_bucket = bucket;
    m_bucketWeights = weights;
    show(weights);
}

void WeightsPanel::setCustom(const std::optional<Weights> &custom) {
    show(custom ? *custom : m_bucketWeights);
}

void WeightsPanel::show(const Weights &w) {
    m_updating = true;
    for (int i = 0; i < 6; ++i)
        m_spins[size_t(i)]->setValue(w[size_t(i)]);
    m_updating = false;
    bool custom = false;
    double sum = 0;
    for (int i = 0; i < 6; ++i) {
        custom = custom || std::abs(w[size_t(i)] - m_bucketWeights[size_t(i)]) > 1e-9;
        sum += w[size_t(i)];
    }
    for (int i = 0; i < 6; ++i)
        m_norms[size_t(i)]->setText(sum > 0 ? tr("→ %1").arg(formatNumber(w[size_t(i)] / sum, 3))
                                            : tr("→ –"));
    m_title->setText(custom ? tr("Custom weights (bucket <b>%1</b> adjusted)").arg(labelText(m_bucket))
                            : tr("Weights of the <b>%1</b> appetite bucket").arg(labelText(m_bucket)));
    m_sum->setText(std::abs(sum - 1) < 0.001
                       ? tr("Sum %1").arg(formatNumber(sum, 2))
                       : tr("Sum %1 — normalised to 1 for ranking").arg(formatNumber(sum, 2)));
    m_reset->setEnabled(custom);
}

void WeightsPanel::edited() {
    if (m_updating) return;
    Weights w{};
    double sum = 0;
    for (int i = 0; i < 6; ++i)
        sum += (w[size_t(i)] = m_spins[size_t(i)]->value());
    show(w);
    bool same = true;
    for (int i = 0; i < 6; ++i)
        same = same && std::abs(w[size_t(i)] - m_bucketWeights[size_t(i)]) < 1e-9;
    // Raw values: what the agent typed stays what the field shows.
    emit customWeightsChanged(same || sum <= 0 ? std::nullopt : std::optional<Weights>(w));
}

} // namespace pw

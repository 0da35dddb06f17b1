// SPDX-License-Identifier: MIT
// torchvision's own operators that its detection models call (nms in every one,
// roi_align in the R-CNNs), and roi_pool, registered under torchvision's schemas so that
// scripted detection archives load in a process without Python. torchvision's library
// (python3-torchvision's _C.so) would register them too, but the app would then depend on
// PyTorch's Python stack (README, "Detection models"). The CPU kernels compute what
// torchvision's CPU kernels compute (the same arithmetic, in the same order), so that a
// real run keeps the boxes torchvision keeps; roi_align and roi_pool have Meta kernels,
// nms cannot (its output size depends on the scores).
#include "torch_pch.h"

#include <torch/library.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace prunescope::detail {

namespace {

void checkBoxes(const at::Tensor& rois)
{
    TORCH_CHECK(rois.dim() == 2 && rois.size(1) == 5, "rois must have shape as Tensor[K, 5]");
}

template <typename T> at::Tensor nmsImpl(const at::Tensor& dets, const at::Tensor& scores, double iouThreshold)
{
    const int64_t count = dets.size(0);
    at::Tensor keep = at::empty({ count }, dets.options().dtype(at::kLong));
    if (count == 0)
        return keep;
    const at::Tensor boxes = dets.contiguous();
    const T* box = boxes.data_ptr<T>();
    std::vector<T> area(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
        area[static_cast<size_t>(i)] = (box[4 * i + 2] - box[4 * i]) * (box[4 * i + 3] - box[4 * i + 1]);
    const at::Tensor orderTensor = std::get<1>(scores.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
    const int64_t* order = orderTensor.data_ptr<int64_t>();
    std::vector<char> suppressed(static_cast<size_t>(count), 0);
    int64_t* kept = keep.data_ptr<int64_t>();
    int64_t kept_count = 0;
    for (int64_t a = 0; a < count; ++a) {
        const int64_t i = order[a];
        if (suppressed[static_cast<size_t>(i)])
            continue;
        kept[kept_count++] = i;
        for (int64_t b = a + 1; b < count; ++b) {
            const int64_t j = order[b];
            if (suppressed[static_cast<size_t>(j)])
                continue;
            const T w = std::max(
                static_cast<T>(0), std::min(box[4 * i + 2], box[4 * j + 2]) - std::max(box[4 * i], box[4 * j]));
            const T h = std::max(
                static_cast<T>(0), std::min(box[4 * i + 3], box[4 * j + 3]) - std::max(box[4 * i + 1], box[4 * j + 1]));
            const T inter = w * h;
            const T iou = inter / (area[static_cast<size_t>(i)] + area[static_cast<size_t>(j)] - inter);
            if (iou > iouThreshold)
                suppressed[static_cast<size_t>(j)] = 1;
        }
    }
    return keep.narrow(0, 0, kept_count);
}

at::Tensor nms(const at::Tensor& dets, const at::Tensor& scores, double iouThreshold)
{
    TORCH_CHECK(dets.dim() == 2, "boxes should be a 2d tensor, got ", dets.dim(), "D");
    TORCH_CHECK(dets.size(1) == 4, "boxes should have 4 elements in dimension 1, got ", dets.size(1));
    TORCH_CHECK(scores.dim() == 1, "scores should be a 1d tensor, got ", scores.dim(), "D");
    TORCH_CHECK(dets.size(0) == scores.size(0), "boxes and scores should have same number of elements in ",
        "dimension 0, got ", dets.size(0), " and ", scores.size(0));
    TORCH_CHECK(dets.scalar_type() == scores.scalar_type(), "boxes and scores must have the same dtype");
    at::Tensor result;
    AT_DISPATCH_FLOATING_TYPES(
        dets.scalar_type(), "nms", [&] { result = nmsImpl<scalar_t>(dets, scores, iouThreshold); });
    return result;
}

// One sample of an image plane at (y, x), bilinear, zero outside [-1, size].
template <typename T> T bilinear(const T* plane, int64_t height, int64_t width, T y, T x)
{
    if (y < -1.0 || y > height || x < -1.0 || x > width)
        return 0;
    y = std::max(y, static_cast<T>(0));
    x = std::max(x, static_cast<T>(0));
    auto low = static_cast<int64_t>(y), left = static_cast<int64_t>(x);
    int64_t high = low + 1, right = left + 1;
    if (low >= height - 1) {
        high = low = height - 1;
        y = static_cast<T>(low);
    }
    if (left >= width - 1) {
        right = left = width - 1;
        x = static_cast<T>(left);
    }
    const T ly = y - low, lx = x - left, hy = 1 - ly, hx = 1 - lx;
    return hy * hx * plane[low * width + left] + hy * lx * plane[low * width + right]
        + ly * hx * plane[high * width + left] + ly * lx * plane[high * width + right];
}

template <typename T>
void roiAlignImpl(const at::Tensor& input, const at::Tensor& rois, double scale, int64_t pooledH, int64_t pooledW,
    int64_t samplingRatio, bool aligned, at::Tensor& output)
{
    const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
    const T* data = input.data_ptr<T>();
    const T* roi = rois.data_ptr<T>();
    T* out = output.data_ptr<T>();
    const auto spatialScale = static_cast<T>(scale);
    const T offset = aligned ? static_cast<T>(0.5) : static_cast<T>(0);
    for (int64_t k = 0; k < rois.size(0); ++k) {
        const T* r = roi + 5 * k;
        const auto batch = static_cast<int64_t>(r[0]);
        const T startW = r[1] * spatialScale - offset, startH = r[2] * spatialScale - offset;
        T roiW = r[3] * spatialScale - offset - startW, roiH = r[4] * spatialScale - offset - startH;
        if (!aligned) {
            roiW = std::max(roiW, static_cast<T>(1));
            roiH = std::max(roiH, static_cast<T>(1));
        }
        const T binH = roiH / static_cast<T>(pooledH), binW = roiW / static_cast<T>(pooledW);
        const auto gridH = samplingRatio > 0 ? samplingRatio : static_cast<int64_t>(std::ceil(roiH / pooledH));
        const auto gridW = samplingRatio > 0 ? samplingRatio : static_cast<int64_t>(std::ceil(roiW / pooledW));
        const T count = static_cast<T>(std::max<int64_t>(gridH * gridW, 1));
        for (int64_t c = 0; c < channels; ++c) {
            const T* plane = data + (batch * channels + c) * height * width;
            T* cell = out + (k * channels + c) * pooledH * pooledW;
            for (int64_t ph = 0; ph < pooledH; ++ph)
                for (int64_t pw = 0; pw < pooledW; ++pw) {
                    T sum = 0;
                    for (int64_t iy = 0; iy < gridH; ++iy) {
                        const T y = startH + ph * binH + static_cast<T>(iy + .5f) * binH / static_cast<T>(gridH);
                        for (int64_t ix = 0; ix < gridW; ++ix) {
                            const T x = startW + pw * binW + static_cast<T>(ix + .5f) * binW / static_cast<T>(gridW);
                            sum += bilinear(plane, height, width, y, x);
                        }
                    }
                    cell[ph * pooledW + pw] = sum / count;
                }
        }
    }
}

at::Tensor roiAlignMeta(
    const at::Tensor& input, const at::Tensor& rois, double, int64_t pooledH, int64_t pooledW, int64_t, bool)
{
    checkBoxes(rois);
    TORCH_CHECK(input.dim() == 4, "roi_align expects a 4-D input (N, C, H, W), got ", input.dim(), "-D");
    return at::empty({ rois.size(0), input.size(1), pooledH, pooledW }, input.options());
}

at::Tensor roiAlign(const at::Tensor& input, const at::Tensor& rois, double scale, int64_t pooledH, int64_t pooledW,
    int64_t samplingRatio, bool aligned)
{
    at::Tensor output = roiAlignMeta(input, rois, scale, pooledH, pooledW, samplingRatio, aligned);
    output = at::zeros(output.sizes(), input.options());
    if (output.numel() == 0)
        return output;
    const at::Tensor x = input.contiguous(), boxes = rois.contiguous().to(input.scalar_type());
    AT_DISPATCH_FLOATING_TYPES(input.scalar_type(), "roi_align",
        [&] { roiAlignImpl<scalar_t>(x, boxes, scale, pooledH, pooledW, samplingRatio, aligned, output); });
    return output;
}

template <typename T>
void roiPoolImpl(const at::Tensor& input, const at::Tensor& rois, double scale, at::Tensor& output, at::Tensor& argmax)
{
    const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
    const int64_t pooledH = output.size(2), pooledW = output.size(3);
    const T* data = input.data_ptr<T>();
    const T* roi = rois.data_ptr<T>();
    T* out = output.data_ptr<T>();
    int* arg = argmax.data_ptr<int>();
    for (int64_t k = 0; k < rois.size(0); ++k) {
        const T* r = roi + 5 * k;
        const auto batch = static_cast<int64_t>(r[0]);
        const auto startW = static_cast<int64_t>(std::round(r[1] * scale));
        const auto startH = static_cast<int64_t>(std::round(r[2] * scale));
        const auto endW = static_cast<int64_t>(std::round(r[3] * scale));
        const auto endH = static_cast<int64_t>(std::round(r[4] * scale));
        const T binH = static_cast<T>(std::max<int64_t>(endH - startH + 1, 1)) / static_cast<T>(pooledH);
        const T binW = static_cast<T>(std::max<int64_t>(endW - startW + 1, 1)) / static_cast<T>(pooledW);
        for (int64_t ph = 0; ph < pooledH; ++ph)
            for (int64_t pw = 0; pw < pooledW; ++pw) {
                auto clampH
                    = [&](T v) { return std::min(std::max<int64_t>(static_cast<int64_t>(v) + startH, 0), height); };
                auto clampW
                    = [&](T v) { return std::min(std::max<int64_t>(static_cast<int64_t>(v) + startW, 0), width); };
                const int64_t h0 = clampH(std::floor(ph * binH)), h1 = clampH(std::ceil((ph + 1) * binH));
                const int64_t w0 = clampW(std::floor(pw * binW)), w1 = clampW(std::ceil((pw + 1) * binW));
                const bool empty = h1 <= h0 || w1 <= w0;
                for (int64_t c = 0; c < channels; ++c) {
                    const T* plane = data + (batch * channels + c) * height * width;
                    T best = empty ? 0 : -FLT_MAX;
                    int where = -1;
                    for (int64_t h = h0; h < h1; ++h)
                        for (int64_t w = w0; w < w1; ++w)
                            if (plane[h * width + w] > best) {
                                best = plane[h * width + w];
                                where = static_cast<int>(h * width + w);
                            }
                    const int64_t at = ((k * channels + c) * pooledH + ph) * pooledW + pw;
                    out[at] = best;
                    arg[at] = where;
                }
            }
    }
}

std::tuple<at::Tensor, at::Tensor> roiPoolMeta(
    const at::Tensor& input, const at::Tensor& rois, double, int64_t pooledH, int64_t pooledW)
{
    checkBoxes(rois);
    TORCH_CHECK(input.dim() == 4, "roi_pool expects a 4-D input (N, C, H, W), got ", input.dim(), "-D");
    const std::vector<int64_t> shape { rois.size(0), input.size(1), pooledH, pooledW };
    return { at::empty(shape, input.options()), at::empty(shape, input.options().dtype(at::kInt)) };
}

std::tuple<at::Tensor, at::Tensor> roiPool(
    const at::Tensor& input, const at::Tensor& rois, double scale, int64_t pooledH, int64_t pooledW)
{
    auto shapes = roiPoolMeta(input, rois, scale, pooledH, pooledW);
    at::Tensor output = at::zeros(std::get<0>(shapes).sizes(), input.options());
    at::Tensor argmax = at::zeros(std::get<0>(shapes).sizes(), input.options().dtype(at::kInt));
    if (output.numel() == 0)
        return { output, argmax };
    const at::Tensor x = input.contiguous(), boxes = rois.contiguous().to(input.scalar_type());
    AT_DISPATCH_FLOATING_TYPES(
        input.scalar_type(), "roi_pool", [&] { roiPoolImpl<scalar_t>(x, boxes, scale, output, argmax); });
    return { output, argmax };
}

TORCH_LIBRARY(torchvision, m)
{
    m.def("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor");
    m.def("roi_align(Tensor input, Tensor rois, float spatial_scale, int pooled_height, int pooled_width, "
          "int sampling_ratio, bool aligned) -> Tensor");
    m.def("roi_pool(Tensor input, Tensor rois, float spatial_scale, int pooled_height, int pooled_width) "
          "-> (Tensor, Tensor)");
}

TORCH_LIBRARY_IMPL(torchvision, CPU, m)
{
    m.impl("nms", nms);
    m.impl("roi_align", roiAlign);
    m.impl("roi_pool", roiPool);
}

TORCH_LIBRARY_IMPL(torchvision, Meta, m)
{
    m.impl("roi_align", roiAlignMeta);
    m.impl("roi_pool", roiPoolMeta);
}

} // namespace

void ensureTorchvisionOps()
{
    // The registrations above are static; calling this pulls the translation unit in.
}

} // namespace prunescope::detail

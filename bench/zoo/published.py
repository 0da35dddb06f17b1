# SPDX-License-Identifier: MIT
"""torchvision's published compute per model, in GMACs (what its docs call GFLOPS): the
`_ops` metadata of the weights in torchvision's model sources from 0.15 on (0.14.1,
installed here, has none), for each model's first weights, i.e. at the input
zoo_models.example_input() gives (the weights' crop size). Every figure below was found
as `"_ops": <value>` in torchvision's sources, next to that model's weights (checked
by the weights' file size). Models whose figure could not be found are not compared."""
PUBLISHED_GMACS = {
    # classification
    "alexnet": 0.714, "convnext_tiny": 4.456, "convnext_small": 8.684, "convnext_base": 15.355,
    "convnext_large": 34.361, "densenet121": 2.834, "densenet161": 7.728, "densenet169": 3.36,
    "densenet201": 4.291, "efficientnet_b0": 0.386, "efficientnet_b1": 0.687, "efficientnet_b2": 1.088,
    "efficientnet_b3": 1.827, "efficientnet_b4": 4.394, "efficientnet_b5": 10.266, "efficientnet_b6": 19.068,
    "efficientnet_b7": 37.746, "efficientnet_v2_s": 8.366, "efficientnet_v2_m": 24.582, "efficientnet_v2_l": 56.08,
    "googlenet": 1.498, "inception_v3": 5.713, "maxvit_t": 5.558, "mnasnet0_5": 0.104, "mnasnet0_75": 0.215,
    "mnasnet1_0": 0.314, "mnasnet1_3": 0.526, "mobilenet_v2": 0.301, "mobilenet_v3_large": 0.217,
    "mobilenet_v3_small": 0.057, "regnet_y_400mf": 0.402, "regnet_y_800mf": 0.834, "regnet_y_1_6gf": 1.612,
    "regnet_y_3_2gf": 3.176, "regnet_y_8gf": 8.473, "regnet_y_16gf": 15.912, "regnet_y_32gf": 32.28,
    "regnet_y_128gf": 374.57, "regnet_x_400mf": 0.414, "regnet_x_800mf": 0.8, "regnet_x_1_6gf": 1.603,
    "regnet_x_3_2gf": 3.177, "regnet_x_8gf": 7.995, "regnet_x_16gf": 15.941, "regnet_x_32gf": 31.736,
    "resnet18": 1.814, "resnet34": 3.664, "resnet50": 4.089, "resnet101": 7.801, "resnet152": 11.514,
    "resnext50_32x4d": 4.23, "resnext101_32x8d": 16.414, "resnext101_64x4d": 15.46, "wide_resnet50_2": 11.398,
    "wide_resnet101_2": 22.753, "shufflenet_v2_x0_5": 0.04, "shufflenet_v2_x1_0": 0.145,
    "shufflenet_v2_x1_5": 0.296, "shufflenet_v2_x2_0": 0.583, "squeezenet1_0": 0.819, "squeezenet1_1": 0.349,
    "swin_t": 4.491, "swin_s": 8.741, "swin_b": 15.431, "swin_v2_t": 5.94, "swin_v2_s": 11.546, "swin_v2_b": 20.325,
    "vgg11": 7.609, "vgg11_bn": 7.609, "vgg13": 11.308, "vgg13_bn": 11.308, "vgg16": 15.47, "vgg16_bn": 15.47,
    "vgg19": 19.632, "vgg19_bn": 19.632, "vit_b_16": 17.564, "vit_b_32": 4.409, "vit_l_16": 61.555,
    "vit_l_32": 15.378, "vit_h_14": 1016.717,
    # segmentation (520x520)
    "fcn_resnet50": 152.717, "fcn_resnet101": 232.738, "deeplabv3_resnet50": 178.722,
    "deeplabv3_resnet101": 258.743, "deeplabv3_mobilenet_v3_large": 10.452, "lraspp_mobilenet_v3_large": 2.086,
    # video
    "mvit_v1_b": 70.599, "mvit_v2_s": 64.224, "s3d": 17.979,
    # detection
    "fasterrcnn_resnet50_fpn": 134.38, "maskrcnn_resnet50_fpn": 134.38, "maskrcnn_resnet50_fpn_v2": 333.577,
    "keypointrcnn_resnet50_fpn": 137.42, "retinanet_resnet50_fpn": 151.54, "retinanet_resnet50_fpn_v2": 152.238,
    "ssdlite320_mobilenet_v3_large": 0.583,
    # optical flow
    "raft_large": 211.007, "raft_small": 47.655,
    # quantized (the float model's figure, as torchvision publishes it)
    "quantized_googlenet": 1.498, "quantized_inception_v3": 5.713, "quantized_mobilenet_v3_large": 0.217,
    "quantized_resnet18": 1.814, "quantized_resnet50": 4.089, "quantized_shufflenet_v2_x0_5": 0.04,
    "quantized_shufflenet_v2_x1_0": 0.145, "quantized_shufflenet_v2_x1_5": 0.296,
    "quantized_shufflenet_v2_x2_0": 0.583,
}

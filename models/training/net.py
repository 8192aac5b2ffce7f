"""The classifier: a small plain CNN (about 20 M multiply-adds on 64x80), sized for < 5 ms per crop on
one CPU core with onnxruntime and well under 5 MB of weights. Colour input (suits and pockets)."""

import torch
from torch import nn


def block(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Net(nn.Module):
    def __init__(self, classes: int) -> None:
        super().__init__()
        self.features = nn.Sequential(
            block(3, 16), nn.MaxPool2d(2),
            block(16, 32), nn.MaxPool2d(2),
            block(32, 64), nn.MaxPool2d(2),
            block(64, 96), nn.MaxPool2d(2),
            block(96, 128),
        )
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(128, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).mean(dim=(2, 3)))


class WithSoftmax(nn.Module):
    """What is exported: probabilities, so every consumer reads the same confidence."""

    def __init__(self, net: Net) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(x), dim=1)

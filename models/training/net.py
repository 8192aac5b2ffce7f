"""The classifiers: small plain CNNs sized for < 5 ms per crop on one CPU core with onnxruntime and well
under 5 MB of weights. Colour input (suits and pockets).

- card (96x120 input): a stride-2 stem, so the corner index is seen at 1.5x the detail of the first
  model's 64x80 input for about twice its compute (~45 M multiply-adds);
- roulette (64x64 input): the first model's plan, a little wider (~25 M multiply-adds).
"""

import torch
from torch import nn


def block(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


ARCH = {
    # (stem stride, widths of the five 3x3 blocks; a 2x2 max-pool between blocks)
    "card": (2, (16, 32, 64, 96, 128, 128)),
    "roulette": (1, (20, 40, 72, 112, 160)),
}


class Net(nn.Module):
    def __init__(self, classes: int, stem: int = 1, widths=(16, 32, 64, 96, 128)) -> None:
        super().__init__()
        layers = []
        cin = 3
        if stem > 1:
            layers += [nn.Conv2d(3, widths[0], 3, stride=stem, padding=1, bias=False), nn.BatchNorm2d(widths[0]),
                       nn.ReLU(inplace=True)]
            cin, widths = widths[0], widths[1:]
        for i, w in enumerate(widths):
            layers.append(block(cin, w))
            if i < len(widths) - 1:
                layers.append(nn.MaxPool2d(2))
            cin = w
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(cin, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).mean(dim=(2, 3)))


def make_net(model: str, classes: int) -> Net:
    stem, widths = ARCH[model]
    return Net(classes, stem, widths)


# Test-time views: the crop as it is and turned by multiples of 90 deg, which the model must read alike.
# A wheel's number is seen at any rotation; a card face is point-symmetric (an index in two opposite
# corners), so turned by 180 deg it is the same card.
TTA_VIEWS = {
    "card": ("id", "rot180"),
    "roulette": ("id", "rot90", "rot180", "rot270"),
}


def view(x: torch.Tensor, name: str) -> torch.Tensor:
    if name == "rot180":
        return torch.flip(x, dims=(2, 3))
    if name == "rot90":
        return torch.flip(x.transpose(2, 3), dims=(3,))
    if name == "rot270":
        return torch.flip(x.transpose(2, 3), dims=(2,))
    return x


class WithTta(nn.Module):
    """What is exported with --tta: the mean of the softmax over the model's test-time views."""

    def __init__(self, net: nn.Module, views) -> None:
        super().__init__()
        self.net = net
        self.views = tuple(views)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        probs = [torch.softmax(self.net(view(x, v)), dim=1) for v in self.views]
        return torch.stack(probs).mean(dim=0)


class WithSoftmax(nn.Module):
    """What is exported without --tta: probabilities, so every consumer reads the same confidence."""

    def __init__(self, net: Net) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(x), dim=1)


def probabilities(net: nn.Module, views=None) -> nn.Module:
    """The model as exported and measured, in eval mode: the softmax, or with `views` their mean."""
    wrapped = WithTta(net, views) if views else WithSoftmax(net)
    return wrapped.eval()

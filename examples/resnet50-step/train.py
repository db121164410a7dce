"""ResNet-50 on ImageNet, the recipe from He et al. (2016): SGD, lr 0.1, x0.1 every 30 epochs, 90 epochs."""
import argparse

import torch
from torch import nn
from torch.optim.lr_scheduler import StepLR
from torchvision import datasets, models, transforms

parser = argparse.ArgumentParser(description="ResNet-50 ImageNet training")
parser.add_argument("data", help="path to the ImageNet folder (with train/)")
parser.add_argument("--epochs", default=90, type=int)
parser.add_argument("-b", "--batch-size", default=256, type=int)
parser.add_argument("--lr", "--learning-rate", default=0.1, type=float, dest="lr")
parser.add_argument("--momentum", default=0.9, type=float)
parser.add_argument("--wd", "--weight-decay", default=1e-4, type=float, dest="weight_decay")


def train_one_epoch(train_loader, model, criterion, optimizer, device):
    model.train()
    for images, target in train_loader:
        images, target = images.to(device), target.to(device)
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main():
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_dataset = datasets.ImageFolder(
        f"{args.data}/train",
        transforms.Compose([
            transforms.RandomResizedCrop(224),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
        ]),
    )
    train_loader = torch.utils.data.DataLoader(
        train_dataset, batch_size=args.batch_size, shuffle=True, num_workers=8, pin_memory=True
    )
    model = models.resnet50().to(device)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(
        model.parameters(), args.lr, momentum=args.momentum, weight_decay=args.weight_decay
    )
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)

    for epoch in range(args.epochs):
        train_one_epoch(train_loader, model, criterion, optimizer, device)
        scheduler.step()


if __name__ == "__main__":
    main()

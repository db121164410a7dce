"""ResNet-50 on ImageNet with AdamW and cosine decay updated after every batch (no warmup), 30 epochs."""
import argparse

import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torchvision import datasets, models, transforms

parser = argparse.ArgumentParser(description="ImageNet training, cosine LR per step")
parser.add_argument("data", help="path to the ImageNet folder (with train/)")
parser.add_argument("--epochs", default=30, type=int)
parser.add_argument("--batch-size", default=1024, type=int)
parser.add_argument("--lr", default=1e-3, type=float)
parser.add_argument("--weight-decay", default=0.05, type=float)


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
        train_dataset, batch_size=args.batch_size, shuffle=True, num_workers=8, drop_last=True
    )
    model = models.resnet50().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    # T_max counts batches, so the curve reaches its minimum on the last batch of the last epoch.
    scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs * len(train_loader))

    for epoch in range(args.epochs):
        model.train()
        for images, target in train_loader:
            images, target = images.to(device), target.to(device)
            loss = criterion(model(images), target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()


if __name__ == "__main__":
    main()

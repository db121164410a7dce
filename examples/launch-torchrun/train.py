"""ResNet-50 on ImageNet with the linear scaling rule (Goyal et al., 2017): the LR is --lr per 256 images,
scaled by the global batch (per-GPU batch x world size); 5 epochs of linear warmup chained with
x0.1 at each milestone, updated once per epoch. Launched by run.sh (torchrun) or the Makefile (one process)."""
import argparse

import torch
import torch.distributed as dist
from torch import nn
from torch.optim.lr_scheduler import ChainedScheduler, LinearLR, MultiStepLR
from torchvision import datasets, models, transforms

parser = argparse.ArgumentParser(description="ResNet-50 ImageNet training")
parser.add_argument("data", help="path to the ImageNet folder (with train/)")
parser.add_argument("--epochs", default=90, type=int)
parser.add_argument("-b", "--batch-size", default=256, type=int, help="images per GPU")
parser.add_argument("--lr", default=0.1, type=float, help="LR per 256 images")
parser.add_argument("--momentum", default=0.9, type=float)
parser.add_argument("--warmup-epochs", default=5, type=int)
parser.add_argument("--milestones", default=[30, 60, 80], type=int, nargs="+")
parser.add_argument("--amp", action="store_true")


def main():
    args = parser.parse_args()
    dist.init_process_group("nccl")
    world_size = dist.get_world_size()
    lr = args.lr * args.batch_size * world_size / 256
    train_dataset = datasets.ImageFolder(f"{args.data}/train", transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()]))
    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=args.batch_size, num_workers=8, drop_last=True)
    model = nn.parallel.DistributedDataParallel(models.resnet50().cuda())
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=args.momentum, weight_decay=1e-4)
    warmup = LinearLR(optimizer, start_factor=0.1, total_iters=args.warmup_epochs)
    decay = MultiStepLR(optimizer, milestones=args.milestones, gamma=0.1)
    scheduler = ChainedScheduler([warmup, decay])

    for epoch in range(args.epochs):
        model.train()
        for images, target in train_loader:
            loss = criterion(model(images.cuda()), target.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()


if __name__ == "__main__":
    main()

"""ResNet-50 on ImageNet at global batch 1024: linear scaling rule (Goyal et al., 2017), lr 0.1 x 1024 / 256 = 0.4,
5 epochs of linear warmup, then cosine decay, both updated after every batch; 90 epochs on 4 GPUs."""
import torch
import torch.distributed as dist
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from torch.utils.data import DataLoader, DistributedSampler
from torchvision import datasets, models, transforms

batch_size = 256  # per GPU
world_size = 4
epochs = 90
warmup_epochs = 5
lr = 0.1 * batch_size * world_size / 256


def main(data_dir="/datasets/imagenet"):
    dist.init_process_group("nccl")
    device = torch.device("cuda", dist.get_rank() % torch.cuda.device_count())
    train_dataset = datasets.ImageFolder(
        f"{data_dir}/train",
        transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ToTensor()]),
    )
    sampler = DistributedSampler(train_dataset, num_replicas=world_size)
    train_loader = DataLoader(train_dataset, batch_size=batch_size, sampler=sampler, num_workers=8, drop_last=True)
    steps_per_epoch = len(train_loader)

    model = nn.parallel.DistributedDataParallel(models.resnet50().to(device), device_ids=[device])
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    warmup = LinearLR(optimizer, start_factor=0.01, total_iters=warmup_epochs * steps_per_epoch)
    cosine = CosineAnnealingLR(optimizer, T_max=(epochs - warmup_epochs) * steps_per_epoch)
    scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[warmup_epochs * steps_per_epoch])

    for epoch in range(epochs):
        sampler.set_epoch(epoch)
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

#!/usr/bin/env bash
# ResNet-50 on 2 nodes x 8 GPUs at 128 images per GPU (global batch 2048), 100 epochs with the last decay moved to 90.
set -euo pipefail
NPROC_PER_NODE=8
DATA=/datasets/imagenet

torchrun --nnodes 2 --nproc_per_node $NPROC_PER_NODE train.py "$DATA" \
  --lr 0.1 --batch-size 128 --epochs 100 \
  --milestones 30 60 90 --amp

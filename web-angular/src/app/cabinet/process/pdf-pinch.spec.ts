import { listenForPinch, pinchRatio } from './pdf-pinch';

describe('pinch-to-zoom', () => {
  it('is the ratio of the fingers’ distance now to at the start', () => {
    expect(pinchRatio(100, 150)).toBe(1.5);
    expect(pinchRatio(100, 50)).toBe(0.5);
    expect(pinchRatio(0, 50)).toBe(1);
  });

  it('reports the moves of two fingers and their end around the start’s middle; one finger is left to scroll', () => {
    const element = document.createElement('div');
    document.body.appendChild(element);
    const moves: number[] = [];
    const ends: { ratio: number; x: number; y: number }[] = [];
    const stop = listenForPinch(element, {
      move: (ratio) => moves.push(ratio),
      end: (ratio, center) => ends.push({ ratio, x: center.x, y: center.y }),
    });
    const touch = (id: number, x: number) => new Touch({ identifier: id, target: element, clientX: x, clientY: 40 });
    const send = (type: string, touches: Touch[]) => element.dispatchEvent(new TouchEvent(type, { touches, cancelable: true }));

    send('touchstart', [touch(0, 100)]);
    expect(send('touchmove', [touch(0, 120)]))
      .withContext('one finger scrolls as usual')
      .toBeTrue();
    send('touchstart', [touch(0, 100), touch(1, 200)]);
    expect(send('touchmove', [touch(0, 50), touch(1, 250)])).toBeFalse();
    send('touchend', [touch(1, 250)]);
    expect(moves).toEqual([2]);
    expect(ends).toEqual([{ ratio: 2, x: 150, y: 40 }]);

    stop();
    send('touchstart', [touch(0, 100), touch(1, 200)]);
    send('touchmove', [touch(0, 50), touch(1, 250)]);
    expect(moves.length).toBe(1);
    element.remove();
  });
});

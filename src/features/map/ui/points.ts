// Draws the map's points: WebGL where the browser has it (positions and
// colours uploaded once, a pan or zoom only changes two uniforms), else a 2D
// canvas (one path per colour). Labels, rings and the heat layer go on a 2D
// overlay above (MapCanvas.svelte).
import type { View } from '../core/grid.ts';

export interface PointsRenderer {
  kind: 'webgl' | '2d';
  /** Points as [x, y] in [0, 1]², colours as RGBA bytes per point. */
  setPoints(xy: Float32Array, rgba: Uint8Array): void;
  draw(view: View, dpr: number, size: number): void;
}

const VERTEX = `
attribute vec2 a_xy;
attribute vec4 a_rgba;
uniform vec2 u_origin;
uniform float u_scale;
uniform vec2 u_size;
uniform float u_point;
varying vec4 v_rgba;
void main() {
  vec2 px = (a_xy - u_origin) * u_scale;
  gl_Position = vec4(px.x / u_size.x * 2.0 - 1.0, 1.0 - px.y / u_size.y * 2.0, 0.0, 1.0);
  gl_PointSize = u_point;
  v_rgba = a_rgba;
}`;

const FRAGMENT = `
precision mediump float;
varying vec4 v_rgba;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = v_rgba;
}`;

function webgl(canvas: HTMLCanvasElement): PointsRenderer | null {
  // preserveDrawingBuffer: the e2e test reads the drawn pixels back.
  const gl = canvas.getContext('webgl', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: true });
  if (!gl) return null;
  const shader = (type: number, src: string) => {
    const s = gl.createShader(type)!;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    return s;
  };
  const prog = gl.createProgram()!;
  gl.attachShader(prog, shader(gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(prog, shader(gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) return null;
  const xyBuf = gl.createBuffer(), rgbaBuf = gl.createBuffer();
  const u = (name: string) => gl.getUniformLocation(prog, name);
  let count = 0;
  return {
    kind: 'webgl',
    setPoints(xy, rgba) {
      count = xy.length / 2;
      gl.bindBuffer(gl.ARRAY_BUFFER, xyBuf);
      gl.bufferData(gl.ARRAY_BUFFER, xy, gl.STATIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, rgbaBuf);
      gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.STATIC_DRAW);
    },
    draw(view, dpr, size) {
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
      gl.useProgram(prog);
      const aXy = gl.getAttribLocation(prog, 'a_xy'), aRgba = gl.getAttribLocation(prog, 'a_rgba');
      gl.bindBuffer(gl.ARRAY_BUFFER, xyBuf);
      gl.enableVertexAttribArray(aXy);
      gl.vertexAttribPointer(aXy, 2, gl.FLOAT, false, 0, 0);
      gl.bindBuffer(gl.ARRAY_BUFFER, rgbaBuf);
      gl.enableVertexAttribArray(aRgba);
      gl.vertexAttribPointer(aRgba, 4, gl.UNSIGNED_BYTE, true, 0, 0);
      gl.uniform2f(u('u_origin'), view.x0, view.y0);
      gl.uniform1f(u('u_scale'), view.scale);
      gl.uniform2f(u('u_size'), view.width, view.height);
      gl.uniform1f(u('u_point'), size * dpr);
      gl.drawArrays(gl.POINTS, 0, count);
    },
  };
}

function canvas2d(canvas: HTMLCanvasElement): PointsRenderer {
  const ctx = canvas.getContext('2d')!;
  let xy: Float32Array = new Float32Array(0);
  // Points grouped by colour, so a frame fills one path per colour.
  let groups: { style: string; points: number[] }[] = [];
  return {
    kind: '2d',
    setPoints(p, rgba) {
      xy = p;
      const by = new Map<number, number[]>();
      for (let i = 0; i < p.length / 2; i++) {
        const key = (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2];
        (by.get(key) ?? by.set(key, []).get(key)!).push(i);
      }
      groups = [...by].map(([key, points]) => ({ style: `#${key.toString(16).padStart(6, '0')}`, points }));
    },
    draw(view, dpr, size) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, view.width, view.height);
      ctx.globalAlpha = 0.85;
      const h = size / 2;
      for (const g of groups) {
        ctx.fillStyle = g.style;
        ctx.beginPath();
        for (const i of g.points) {
          const x = (xy[2 * i] - view.x0) * view.scale, y = (xy[2 * i + 1] - view.y0) * view.scale;
          if (x < -h || y < -h || x > view.width + h || y > view.height + h) continue;
          ctx.rect(x - h, y - h, size, size);
        }
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    },
  };
}

export function pointsRenderer(canvas: HTMLCanvasElement, prefer2d = false): PointsRenderer {
  return (!prefer2d && webgl(canvas)) || canvas2d(canvas);
}
